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

  function load(query, fallback) {
    var mine = ++latest;
    form.setAttribute('aria-busy', 'true');
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
        form.removeAttribute('aria-busy');
        box.innerHTML = html;
        var heading = box.querySelector('[tabindex="-1"]');
        if (heading) heading.focus();
        var count = box.querySelector('[data-announce]');
        // Emptied first, so the same count after another search is said again.
        if (status && count) {
          status.textContent = '';
          setTimeout(function () {
            status.textContent = count.textContent;
          }, 50);
        }
      })
      .catch(function () {
        // Signed out, refused, offline: the directory page says what is wrong, in full.
        if (mine === latest) window.location.assign(fallback);
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
})();
