export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startup } = await import('./lib/startup');
  try {
    await startup();
  } catch (error) {
    console.error('[flint] startup failed:', error);
    throw error;
  }
}
