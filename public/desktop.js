// Progressive enhancement only: every page is correct without this script.
(function () {
  'use strict';
  var two = function (n) {
    return String(n).padStart(2, '0');
  };

  function tickTimeInState() {
    var since = document.getElementById('state-since');
    if (!since) return;
    var start = Number(since.getAttribute('data-since'));
    var s = Math.max(0, Math.floor((Date.now() - start) / 1000));
    var h = Math.floor(s / 3600),
      m = Math.floor((s % 3600) / 60);
    since.textContent = h > 0 ? h + ':' + two(m) + ':' + two(s % 60) : m + ':' + two(s % 60);
  }
  setInterval(tickTimeInState, 1000);

  // After a refused form: the invalid field, or else the error message, takes the focus.
  var invalid = document.querySelector('#main [aria-invalid="true"]');
  var refusal = document.querySelector('#status [data-focus]');
  if (invalid) invalid.focus();
  else if (refusal) refusal.focus();

  // Busy state: while one action waits for WxCC (up to seconds), say so and allow no second one.
  var busy = false;
  document.addEventListener('submit', function (event) {
    if (busy) {
      event.preventDefault();
      return;
    }
    busy = true;
    var form = event.target;
    var submitter = event.submitter || form.querySelector('[type=submit]');
    // After this turn: the browser has already taken the form's data, buttons included.
    setTimeout(function () {
      form.setAttribute('aria-busy', 'true');
      document.querySelectorAll('button, input[type=submit], select').forEach(function (el) {
        if (el.disabled) return;
        el.disabled = true;
        el.setAttribute('data-busy-disabled', '');
      });
      var label = submitter && submitter.getAttribute('data-busy-label');
      if (label) {
        submitter.setAttribute('data-idle-label', submitter.textContent);
        submitter.textContent = label;
        say('info', label);
      }
    }, 0);
  });
  // Back to this page from the history cache: the action is over, the buttons work again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    busy = false;
    document.querySelectorAll('[aria-busy]').forEach(function (el) {
      el.removeAttribute('aria-busy');
    });
    document.querySelectorAll('[data-busy-disabled]').forEach(function (el) {
      el.disabled = false;
      el.removeAttribute('data-busy-disabled');
    });
    document.querySelectorAll('[data-idle-label]').forEach(function (el) {
      el.textContent = el.getAttribute('data-idle-label');
      el.removeAttribute('data-idle-label');
    });
  });

  function say(kind, text) {
    var status = document.getElementById('status');
    if (!status) return;
    var box = document.createElement('div');
    box.className = 'notice notice-' + kind;
    var p = document.createElement('p');
    p.textContent = text;
    box.appendChild(p);
    status.replaceChildren(box);
  }

  if (!document.body.hasAttribute('data-live')) return;

  // A sign-in revoked at Webex is noticed now, not at the agent's next click: Connect says why.
  // Once: a second check (the live stream failing too) must not start a second navigation that
  // cancels the first, whose page carries the reason (a one-shot message).
  var leaving = false;
  var source = null;
  function checkSignIn() {
    if (leaving) return;
    fetch('/session/check', {
      headers: { Accept: 'application/json', 'X-Live-Refresh': '1' },
      credentials: 'same-origin',
    })
      .then(function (r) {
        if (r.status !== 401 || leaving) return;
        leaving = true;
        if (source) source.close();
        window.location.assign('/');
      })
      .catch(function () {
        /* offline: the next action says so */
      });
  }
  checkSignIn();
  if (!window.EventSource) return;

  // Live page: the server pushes the new HTML of each region named by data-fragment; it is swapped
  // in place, keeping focus and unsent choices. Another page kind (logged out elsewhere) loads.
  function applyPush(push) {
    if (busy) return; // the page being loaded next shows the truth
    var checking = document.querySelector('[data-checking]');
    var kind = document.body.getAttribute('data-page');
    if (kind !== 'agent' && kind !== 'station') {
      // The directory and callbacks pages show no offers and no state: a new offer takes the agent
      // to the agent page, where it rings (once per offer: back here while it rings, they stay);
      // any other change leaves the search or form they are in alone.
      if (newOffer(push.offers)) window.location.assign('/');
      return;
    }
    if (push.page !== kind || checking) {
      window.location.reload();
      return;
    }
    // Seen here: the directory does not send the agent back for an offer they have already seen.
    if (kind === 'agent') newOffer(push.offers);
    Object.keys(push.fragments).forEach(function (name) {
      var region = document.querySelector('[data-fragment="' + name + '"]');
      if (region) swapRegion(region, push.fragments[name]);
    });
    tickTimeInState();
  }

  function newOffer(offers) {
    if (!offers || offers.length === 0) return false;
    var seen;
    try {
      seen = JSON.parse(window.sessionStorage.getItem('offers-shown') || '[]');
    } catch {
      seen = [];
    }
    var fresh = offers.filter(function (id) {
      return seen.indexOf(id) === -1;
    });
    if (fresh.length === 0) return false;
    try {
      window.sessionStorage.setItem('offers-shown', JSON.stringify(seen.concat(fresh).slice(-20)));
    } catch {
      /* storage refused: the agent may be taken back once more */
    }
    return true;
  }

  function swapRegion(region, html) {
    var active = document.activeElement;
    // null: the focus is elsewhere (the Sign out button, the address bar) and stays there.
    var inRegion = active && active !== document.body && region.contains(active);
    var focusedId = inRegion ? active.id : null;
    // Where the control leads when it is gone (Hold became Resume): focus-next.js's list.
    var nextIds = inRegion ? (active.getAttribute('data-next') || '').split(' ') : [];
    var choices = {};
    region.querySelectorAll('select[id]').forEach(function (s) {
      choices[s.id] = s.value;
    });
    region.innerHTML = html;
    Object.keys(choices).forEach(function (id) {
      var select = document.getElementById(id);
      if (!select) return;
      var still = Array.prototype.some.call(select.options, function (o) {
        return o.value === choices[id];
      });
      if (still) select.value = choices[id];
    });
    restoreFocus(region, focusedId, nextIds);
    // Other scripts (contact-forms.js announces the contacts' changes) learn of the new content.
    region.dispatchEvent(new CustomEvent('region-swapped', { bubbles: true }));
  }

  function focusable(id) {
    var el = id ? document.getElementById(id) : null;
    return el && !el.disabled && !el.closest('[hidden]') ? el : null;
  }

  function restoreFocus(region, focusedId, nextIds) {
    if (focusedId === null) return;
    var again = focusable(focusedId);
    for (var i = 0; !again && i < nextIds.length; i++) again = focusable(nextIds[i]);
    if (again) again.focus({ preventScroll: true });
    else {
      // The control the agent was on is gone or disabled now: stay in the region, not at the top.
      var heading =
        region.querySelector('[tabindex="-1"]') || document.getElementById('agent-title');
      if (heading) heading.focus({ preventScroll: true });
    }
  }

  // What changed, in words, for the status line (and screen readers); "changed by" only when
  // this very change came from someone else.
  var previous = null;
  function announce(event) {
    var data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    var before = previous;
    previous = data;
    if (!data || data.takenOver) return; // the region's own alert says it, once
    var changed =
      !before ||
      before.loggedIn !== data.loggedIn ||
      before.subStatus !== data.subStatus ||
      before.auxCodeId !== data.auxCodeId ||
      before.lastStateChangeTimestamp !== data.lastStateChangeTimestamp;
    if (!changed || busy) return;
    // The words come from the page (partials/page-texts.ejs); a page without them says nothing.
    var texts = document.getElementById('page-texts');
    if (!texts) return;
    var text = !data.loggedIn
      ? texts.getAttribute('data-logged-out')
      : texts
          .getAttribute('data-state-now')
          .replace(
            '{state}',
            texts.getAttribute('data-sub-' + data.subStatus) || data.subStatus || '?',
          );
    if (data.changedByName)
      text += ' ' + texts.getAttribute('data-changed-by').replace('{name}', data.changedByName);
    say('info', text);
  }

  // What the page was drawn from: the stream sends at once what changed since (an offer that came
  // between this page and its stream), and redraws the tools panels only when their key differs.
  var tools = document.querySelector('[data-tools-key]');
  var toolsKey = tools ? tools.getAttribute('data-tools-key') : '';
  var drawnFrom = document.body.getAttribute('data-drawn-from') || '';
  var query = [];
  if (toolsKey) query.push('tools=' + encodeURIComponent(toolsKey));
  if (drawnFrom) query.push('drawn=' + encodeURIComponent(drawnFrom));
  source = new EventSource('/events' + (query.length ? '?' + query.join('&') : ''));
  source.addEventListener('station', announce);
  source.addEventListener('live', function (event) {
    try {
      applyPush(JSON.parse(event.data));
    } catch {
      /* a malformed push: the next one, or a reload, shows the truth */
    }
  });
  // A refused stream (signed out, sign-in revoked) is not retried by the browser: find out why.
  // A stream that comes back after a gap may have missed the end of the sign-in: ask too.
  // connection.js shows the stream's health in the bar from these.
  function tell(status) {
    document.dispatchEvent(new CustomEvent('stream-status', { detail: status }));
  }
  var interrupted = false;
  source.addEventListener('error', function () {
    interrupted = true;
    tell(source.readyState === EventSource.CLOSED ? 'lost' : 'reconnecting');
    if (source.readyState === EventSource.CLOSED) checkSignIn();
  });
  source.addEventListener('open', function () {
    tell(interrupted ? 'recovered' : 'connected');
    if (interrupted) checkSignIn();
    interrupted = false;
  });
})();
