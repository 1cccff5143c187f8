// The bar's connection badges: the page's live stream (desktop.js tells its status) and the WxCC
// socket (server-rendered in the bar from the snapshot; settled here after a recovery). Words come
// from the badges' data-text-*.
(function () {
  'use strict';
  var SETTLE_MS = 10000;
  var settle = null;

  function showStream(status) {
    var badge = document.getElementById('stream-badge');
    if (!badge) return;
    badge.hidden = false;
    badge.setAttribute('data-status', status);
    badge.className = 'conn conn-' + status;
    var label = badge.querySelector('[data-badge-text]');
    label.textContent = badge.getAttribute('data-text-' + status);
    if (status === 'reconnecting') {
      // How long it has been trying: contact-timers.js ticks [data-started-at].
      var since = document.createElement('time');
      since.setAttribute('data-started-at', String(Date.now()));
      since.textContent = '0:00';
      label.append(' ' + badge.getAttribute('data-text-for') + ' ', since);
    }
    clearTimeout(settle);
    if (status === 'recovered') settle = setTimeout(showStream, SETTLE_MS, 'connected');
  }

  document.addEventListener('stream-status', function (event) {
    var badge = document.getElementById('stream-badge');
    // Still reconnecting: keep the "since" that is running.
    if (
      badge &&
      event.detail === 'reconnecting' &&
      badge.getAttribute('data-status') === 'reconnecting'
    )
      return;
    showStream(event.detail);
  });
  // The WxCC badge says "connected again" for a while after a recovery; no push may follow to
  // redraw it, so the page settles it itself when the server said to (data-settle-in, ms).
  var wxccSettle = null;
  function settleWxcc() {
    clearTimeout(wxccSettle);
    var badge = document.getElementById('wxcc-badge');
    var inMs = badge && Number(badge.getAttribute('data-settle-in'));
    if (!badge || !badge.hasAttribute('data-settle-in') || !(inMs >= 0)) return;
    wxccSettle = setTimeout(function () {
      if (document.getElementById('wxcc-badge') !== badge) return; // redrawn meanwhile
      badge.setAttribute('data-status', 'connected');
      badge.className = 'conn conn-connected';
      badge.removeAttribute('data-settle-in');
      badge.querySelector('[data-badge-text]').textContent =
        badge.getAttribute('data-text-settled');
    }, inMs);
  }

  document.addEventListener('region-swapped', settleWxcc);
  document.addEventListener('DOMContentLoaded', function () {
    if (document.body.hasAttribute('data-live') && window.EventSource) showStream('connected');
    settleWxcc();
  });
})();
