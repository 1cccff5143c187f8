// Ticks contact timers: [data-started-at] counts up (call duration), [data-deadline] counts down
// (ring-out, auto wrap-up). Reads the page each second, so regions swapped in live keep ticking.
(function () {
  'use strict';
  function two(n) {
    return String(n).padStart(2, '0');
  }
  function clock(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return h > 0 ? h + ':' + two(m) + ':' + two(s) : m + ':' + two(s);
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-started-at]').forEach(function (el) {
      var start = Number(el.getAttribute('data-started-at'));
      if (start > 0) el.textContent = clock(Math.max(0, Math.floor((now - start) / 1000)));
    });
    document.querySelectorAll('[data-deadline]').forEach(function (el) {
      var deadline = Number(el.getAttribute('data-deadline'));
      if (deadline > 0) el.textContent = clock(Math.max(0, Math.ceil((deadline - now) / 1000)));
    });
  }
  setInterval(tick, 1000);
  document.addEventListener('DOMContentLoaded', tick);
  // A region just swapped in shows the server's figures: bring them to now without waiting.
  document.addEventListener('region-swapped', tick);
})();
