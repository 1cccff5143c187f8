// The agent page's directory panel, enhanced: a search (or another page of results) is drawn in the
// panel by the server (GET /directory/results) instead of opening the directory page; the results'
// heading takes the focus and their count is said. Without this script, or when the fragment
// cannot be had, the form and the links open the directory page as before.
(function () {
  'use strict';
  var form = document.querySelector('form[data-results]');
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var box = document.getElementById(form.getAttribute('data-results-into'));
  var status = document.getElementById('directory-panel-status');
  if (!box) return;
  var latest = 0;
  // What the shown results were drawn for: their query, and the contacts and their states then.
  var shownQuery = null;
  var shownContacts = null;
  var asked = false; // a search the agent asked for is on its way: it is drawn for the new call too

  function contacts() {
    return Array.prototype.map
      .call(document.querySelectorAll('article.contact'), function (a) {
        return a.id + ' ' + a.className;
      })
      .join('|');
  }

  // `quiet`: redrawn because the call changed, not asked by the agent: the focus stays where it
  // is (unless it was in the old results), nothing is said, and a failure leaves them as they were.
  function load(query, fallback, quiet) {
    var mine = ++latest;
    var drawnFor = contacts();
    if (!quiet) {
      asked = true;
      form.setAttribute('aria-busy', 'true');
    }
    fetch(form.getAttribute('data-results') + '?' + query, {
      headers: { Accept: 'text/html' },
      credentials: 'same-origin',
    })
      .then(function (response) {
        if (!response.ok) throw new Error('results ' + response.status);
        return response.text();
      })
      .then(function (html) {
        if (mine !== latest) return; // a later search answers instead
        asked = false;
        form.removeAttribute('aria-busy');
        var wasInside = box.contains(document.activeElement);
        box.innerHTML = html;
        shownQuery = query;
        shownContacts = drawnFor;
        var heading = box.querySelector('[tabindex="-1"]');
        if (heading && (!quiet || wasInside)) heading.focus();
        var count = box.querySelector('[data-announce]');
        // Emptied first, so the same count after another search is said again.
        if (status && count && !quiet) {
          status.textContent = '';
          setTimeout(function () {
            status.textContent = count.textContent;
          }, 50);
        }
      })
      .catch(function () {
        // Signed out, refused, offline: the directory page says what is wrong, in full.
        if (mine === latest && !quiet) window.location.assign(fallback);
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    // Not an action: the page's busy state (desktop.js) and focus memory (focus-next.js) stay out.
    event.stopPropagation();
    var query = new URLSearchParams(new FormData(form)).toString();
    load(query, form.getAttribute('action') + '?' + query);
  });

  box.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-directory-page]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    load(new URL(link.href).search.slice(1), link.href);
  });

  // The live stream swapped the contacts (desktop.js): a call that started, ended or changed state
  // changes what the results offer (Transfer, Consult, Call), so they are drawn again for it.
  document.addEventListener('region-swapped', function (event) {
    if (asked || shownQuery === null) return;
    if (event.target.getAttribute('data-fragment') !== 'contacts') return;
    if (contacts() === shownContacts) return;
    load(shownQuery, '', true);
  });
})();
