import { vendorResponse } from '@/lib/artifacts/serve';

/** Libraries artifacts may load (Chart.js, the game helper; Mermaid and marked for those kinds). */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  return vendorResponse(request, file);
}
