// Progressive enhancement only: the page is correct without this script.
(function () {
  'use strict';
  var since = document.getElementById('state-since');
  if (since) {
    var start = Number(since.getAttribute('data-since'));
    var two = function (n) {
      return String(n).padStart(2, '0');
    };
    setInterval(function () {
      var s = Math.max(0, Math.floor((Date.now() - start) / 1000));
      var h = Math.floor(s / 3600),
        m = Math.floor((s % 3600) / 60);
      since.textContent = h > 0 ? h + ':' + two(m) + ':' + two(s % 60) : m + ':' + two(s % 60);
    }, 1000);
  }
})();
