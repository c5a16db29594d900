/*
 * FlintGame: a tiny helper for games in Flint's artifact sandbox (served at
 * /api/artifacts/vendor/flint-game.js). A sharp full-window canvas, a 60 fps loop with a capped
 * time step, keyboard and pointer (mouse and touch) input, and a few maths helpers. No network, no
 * storage: everything a game needs stays in memory.
 */
(function () {
  'use strict';
  var keys = new Set();
  var pointer = { x: 0, y: 0, down: false, moved: false };
  var state = { canvas: null, ctx: null, width: 0, height: 0, ratio: 1 };

  window.addEventListener('keydown', function (event) {
    keys.add(event.key);
    // Arrow keys and space move the game, not the page.
    if (event.key.indexOf('Arrow') === 0 || event.key === ' ') event.preventDefault();
  });
  window.addEventListener('keyup', function (event) {
    keys.delete(event.key);
  });
  window.addEventListener('blur', function () {
    keys.clear();
    pointer.down = false;
  });

  function place(event) {
    var rect = state.canvas ? state.canvas.getBoundingClientRect() : { left: 0, top: 0 };
    pointer.x = event.clientX - rect.left;
    pointer.y = event.clientY - rect.top;
    pointer.moved = true;
  }
  window.addEventListener('pointerdown', function (event) {
    place(event);
    pointer.down = true;
  });
  window.addEventListener('pointermove', place);
  window.addEventListener('pointerup', function () {
    pointer.down = false;
  });
  window.addEventListener('pointercancel', function () {
    pointer.down = false;
  });

  function resize() {
    if (!state.canvas) return;
    var ratio = window.devicePixelRatio || 1;
    state.width = window.innerWidth;
    state.height = window.innerHeight;
    state.ratio = ratio;
    state.canvas.width = Math.round(state.width * ratio);
    state.canvas.height = Math.round(state.height * ratio);
    state.canvas.style.width = state.width + 'px';
    state.canvas.style.height = state.height + 'px';
    state.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  }
  window.addEventListener('resize', resize);

  /** A canvas filling the window, scaled for high-density screens. Returns a live view of its size. */
  function canvas(options) {
    if (!state.canvas) {
      var element = document.createElement('canvas');
      element.style.display = 'block';
      element.style.touchAction = 'none';
      document.documentElement.style.height = '100%';
      document.body.style.margin = '0';
      document.body.style.overflow = 'hidden';
      if (options && options.background) document.body.style.background = options.background;
      document.body.appendChild(element);
      state.canvas = element;
      state.ctx = element.getContext('2d');
      resize();
    }
    return state;
  }

  /** Calls step(dt) once per frame, dt in seconds (at most 1/20 s, so a hidden tab does not jump). */
  function loop(step) {
    var last = performance.now();
    var running = true;
    function frame(now) {
      if (!running) return;
      var dt = Math.min((now - last) / 1000, 0.05);
      last = now;
      step(dt);
      requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
    return function stop() {
      running = false;
    };
  }

  function clamp(value, min, max) {
    return Math.max(min, Math.min(max, value));
  }

  function random(min, max) {
    return min + Math.random() * (max - min);
  }

  /** Whether two boxes {x, y, w, h} overlap. */
  function overlaps(a, b) {
    return a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y;
  }

  window.FlintGame = { canvas: canvas, loop: loop, keys: keys, pointer: pointer, clamp: clamp, random: random, overlaps: overlaps };
})();
