// The live sandbox: a page served with the artifact sandbox's policy that the panel posts the
// streaming artifact's document into, a few times a second. Each update is drawn in a fresh
// sandboxed frame behind the current one and swapped in only once it has drawn itself (or failed
// for good), so the preview never flashes blank and a half-written diagram never replaces a good one.
// The frames are srcdoc documents: they inherit this page's policy (no network, scripts inline or
// from Flint's vendor files only) and get opaque origins of their own.

const SCRIPT = `(function () {
  var current = null;
  var pending = null;
  var queued = null;

  function settle(frame, ok, final) {
    if (!pending || pending.frame !== frame) return;
    clearTimeout(pending.timer);
    pending = null;
    if (ok || final || !current) {
      if (current) current.remove();
      frame.classList.remove('next');
      current = frame;
    } else {
      frame.remove();
    }
    parent.postMessage({ flintArtifact: 'shown', ok: ok }, '*');
    if (queued) {
      var next = queued;
      queued = null;
      render(next);
    }
  }

  function render(message) {
    // One frame draws at a time; meanwhile only the newest update waits.
    if (pending) { queued = message; return; }
    var frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('title', message.title || 'Artifact preview');
    if (current) frame.classList.add('next');
    pending = { frame: frame, final: Boolean(message.final), timer: setTimeout(function () { settle(frame, true, true); }, 2500) };
    frame.srcdoc = message.html;
    document.body.appendChild(frame);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    if (event.source === parent && data.flintArtifact === 'show' && typeof data.html === 'string') return render(data);
    if (pending && event.source === pending.frame.contentWindow && data.flintArtifact === 'rendered') {
      settle(pending.frame, data.ok !== false, pending.final);
    }
  });
  parent.postMessage({ flintArtifact: 'ready' }, '*');
})();`;

export const LIVE_SANDBOX_DOCUMENT = [
  '<!doctype html>',
  '<html lang="en">',
  '<head>',
  '<meta charset="utf-8">',
  '<title>Artifact preview</title>',
  '<style>html,body{margin:0;height:100%;overflow:hidden}iframe{position:absolute;inset:0;width:100%;height:100%;border:0;background:transparent}iframe.next{visibility:hidden}</style>',
  '</head>',
  '<body>',
  `<script>${SCRIPT}</script>`,
  '</body>',
  '</html>',
].join('\n');
