// An offer is never missed: while a customer's call rings ([data-offer] in the contacts), a ringtone
// synthesised with WebAudio (once the agent has interacted with the page, as browsers require), a
// system notification when the tab is hidden, and a flashing tab title; all stop when the offer
// goes (answered, declined, rung out, taken elsewhere). Mute is remembered in localStorage.
(function () {
  'use strict';
  var MUTE_KEY = 'ringtone-muted';
  var texts, muteButton, notifyButton, soundHint;
  var audio = null; // created on the first interaction only
  var interacted = false;
  var ringing = null; // { id, caller }
  var toneTimer = null;
  var titleTimer = null;
  var baseTitle = document.title;
  var notification = null;

  function text(name, caller) {
    return (texts ? texts.getAttribute('data-' + name) || '' : '').replace(
      '{caller}',
      caller || '',
    );
  }

  function muted() {
    try {
      return localStorage.getItem(MUTE_KEY) === '1';
    } catch {
      return false;
    }
  }

  // A classic two-tone ring: 440 + 480 Hz for 2 s, every 4 s.
  function ringOnce() {
    if (!audio || audio.state !== 'running') return;
    var t = audio.currentTime;
    var gain = audio.createGain();
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.15, t + 0.05);
    gain.gain.setValueAtTime(0.15, t + 1.9);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 2);
    gain.connect(audio.destination);
    [440, 480].forEach(function (hz) {
      var osc = audio.createOscillator();
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start(t);
      osc.stop(t + 2);
    });
  }

  function startTone() {
    if (!audio || muted() || toneTimer) return;
    audio.resume().then(function () {
      if (!ringing || toneTimer || muted()) return;
      ringOnce();
      toneTimer = setInterval(ringOnce, 4000);
    });
  }

  function stopTone() {
    clearInterval(toneTimer);
    toneTimer = null;
    if (audio && audio.state === 'running') audio.suspend();
  }

  function notify() {
    if (!ringing || notification || !document.hidden) return;
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    notification = new Notification(text('notify-title', ringing.caller), {
      body: text('notify-body'),
      tag: 'offer-' + ringing.id,
      requireInteraction: true,
    });
    notification.onclick = function () {
      window.focus();
      var heading = document.getElementById('contacts');
      if (heading) heading.scrollIntoView();
      if (notification) notification.close();
    };
  }

  function flashTitle() {
    var on = false;
    titleTimer = setInterval(function () {
      on = !on;
      document.title = on ? text('title-ringing', ringing && ringing.caller) : baseTitle;
    }, 1000);
    document.title = text('title-ringing', ringing.caller);
  }

  function start(offer) {
    ringing = offer;
    baseTitle = titleTimer ? baseTitle : document.title;
    if (!titleTimer) flashTitle();
    startTone();
    if (soundHint) soundHint.hidden = interacted || muted();
    notify();
  }

  function stop() {
    ringing = null;
    stopTone();
    clearInterval(titleTimer);
    if (titleTimer) document.title = baseTitle;
    titleTimer = null;
    if (notification) notification.close();
    notification = null;
    if (soundHint) soundHint.hidden = true;
  }

  function check() {
    var offer = document.querySelector('[data-offer]');
    if (!offer) return stop();
    var id = offer.getAttribute('data-offer');
    if (ringing && ringing.id === id) return;
    if (ringing) stop();
    start({ id: id, caller: offer.getAttribute('data-caller') });
  }

  function onInteraction() {
    if (interacted) return;
    interacted = true;
    var Context = window.AudioContext || window.webkitAudioContext;
    if (Context) audio = new Context();
    if (soundHint) soundHint.hidden = true;
    if (ringing) startTone();
    else if (audio) audio.suspend();
  }

  function showMute() {
    var isMuted = muted();
    muteButton.setAttribute('aria-pressed', String(isMuted));
    muteButton.textContent = muteButton.getAttribute(isMuted ? 'data-text-off' : 'data-text-on');
  }

  function showNotify() {
    var p = Notification.permission;
    notifyButton.textContent = notifyButton.getAttribute(
      p === 'granted' ? 'data-text-granted' : p === 'denied' ? 'data-text-denied' : 'data-text-ask',
    );
    notifyButton.disabled = p !== 'default';
  }

  document.addEventListener('DOMContentLoaded', function () {
    texts = document.getElementById('page-texts');
    muteButton = document.getElementById('ring-mute');
    notifyButton = document.getElementById('notify-enable');
    soundHint = document.getElementById('sound-hint');
    if (!texts) return;
    ['click', 'keydown'].forEach(function (type) {
      document.addEventListener(type, onInteraction, { capture: true });
    });
    if (muteButton && (window.AudioContext || window.webkitAudioContext)) {
      muteButton.hidden = false;
      showMute();
      muteButton.addEventListener('click', function () {
        try {
          localStorage.setItem(MUTE_KEY, muted() ? '0' : '1');
        } catch {
          /* not remembered in private mode */
        }
        showMute();
        if (muted()) stopTone();
        else if (ringing) startTone();
      });
    }
    // Permission is asked only from this visible control, never on load.
    if (notifyButton && 'Notification' in window) {
      notifyButton.hidden = false;
      showNotify();
      notifyButton.addEventListener('click', function () {
        Promise.resolve(Notification.requestPermission()).then(function () {
          showNotify();
          notify();
        });
      });
    }
    document.addEventListener('visibilitychange', notify);
    document.addEventListener('region-swapped', check);
    check();
  });
})();
