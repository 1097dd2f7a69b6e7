/* bindery.js: the few things a web edition page does with JavaScript.  Every
 * page reads without it; this adds the glossary pop-ups, search, text size
 * and dark mode (remembered in localStorage, no cookies), and the service
 * worker that keeps the book offline when it is served over https. */
(function () {
  'use strict';
  var d = document, html = d.documentElement;
  var root = new URL('.', d.currentScript.src).href;

  function load(key) {
    try { return localStorage.getItem('bindery-' + key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { localStorage.setItem('bindery-' + key, value); } catch (e) { /* private mode: not remembered */ }
  }

  /* Text size (steps of 12.5%) and dark mode. */
  var size = parseInt(load('size') || '0', 10) || 0;
  var dark = load('dark');
  dark = dark === null ? !!(window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches) : dark === '1';
  function apply() {
    html.style.fontSize = (100 + 12.5 * size) + '%';
    html.classList.toggle('dark', dark);
    var b = d.getElementById('bd-dark');
    if (b)
      b.setAttribute('aria-pressed', dark ? 'true' : 'false');
  }
  apply();
  var settings = d.getElementById('bd-settings');
  if (settings) {
    settings.hidden = false;
    settings.addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (!b)
        return;
      if (b.id === 'bd-dark') {
        dark = !dark;
        save('dark', dark ? '1' : '0');
      } else {
        size = Math.max(-2, Math.min(6, size + parseInt(b.getAttribute('data-step'), 10)));
        save('size', String(size));
      }
      apply();
    });
  }

  /* Glossary pop-ups: a term links to its glossary entry; here it opens its
   * note from this page in a modal dialog instead.  Esc closes it (the
   * browser's own), and focus goes back to the term. */
  var dialog = null, opener = null;
  function popup(a, note) {
    var tpl = d.getElementById('bd-popup');
    if (!dialog) {
      dialog = tpl.content.firstElementChild.cloneNode(true);
      d.body.appendChild(dialog);
      dialog.addEventListener('close', function () {
        if (opener)
          opener.focus();
        opener = null;
      });
      dialog.addEventListener('click', function (ev) {
        if (ev.target === dialog || ev.target.closest('.bd-close'))
          dialog.close();
      });
    }
    var body = dialog.querySelector('.bd-popup-body');
    body.textContent = '';
    var def = note.querySelector('p').cloneNode(true);
    def.querySelectorAll('[id]').forEach(function (n) { n.removeAttribute('id'); });
    body.appendChild(def);
    var dfn = note.querySelector('dfn');
    if (dfn)
      dialog.querySelector('h2').textContent = dfn.textContent;
    dialog.querySelector('.bd-more').href = a.href;
    opener = a;
    dialog.showModal();
    dialog.querySelector('.bd-close').focus();
  }
  d.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('a.glossref');
    var note = a && d.getElementById('note_' + a.getAttribute('data-term'));
    if (!note || !d.getElementById('bd-popup') || !window.HTMLDialogElement)
      return;
    ev.preventDefault();
    popup(a, note);
  });

  /* Search, over the index the build wrote (search-index.js, a plain
   * script: it loads from file:// too, where fetch() of a file does not). */
  var form = d.getElementById('bd-search');
  var index = window.BINDERY_SEARCH;
  function fold(s) {
    return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  function search(q) {
    var status = d.getElementById('bd-status'), list = d.getElementById('bd-results');
    var words = fold(q).split(/\s+/).filter(Boolean), found = 0;
    list.textContent = '';
    if (!words.length) {
      status.textContent = '';
      return;
    }
    for (var i = 0; i < index.length && found < 100; i++) {
      var e = index[i], text = fold(e[1] + ' ' + e[2] + ' ' + e[3]);
      if (!words.every(function (w) { return text.indexOf(w) >= 0; }))
        continue;
      var li = d.createElement('li'), a = d.createElement('a'), p = d.createElement('p');
      a.href = root + e[0];
      a.textContent = e[2] && e[2] !== e[1] ? e[1] + ': ' + e[2] : e[1];
      /* A snippet around the first word found, cut at spaces. */
      var at = fold(e[3]).indexOf(words[0]), from = Math.max(0, at - 60), to = from + 200;
      if (from > 0 && e[3].indexOf(' ', from) >= 0 && e[3].indexOf(' ', from) < at)
        from = e[3].indexOf(' ', from) + 1;
      if (to < e[3].length && e[3].lastIndexOf(' ', to) > from)
        to = e[3].lastIndexOf(' ', to);
      p.textContent = (from ? '\u2026' : '') + e[3].slice(from, to) + (to < e[3].length ? '\u2026' : '');
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
      found++;
    }
    status.textContent = status.getAttribute(found === 1 ? 'data-one' : found ? 'data-some' : 'data-none')
      .replace('{count}', String(found)).replace('{query}', function () { return q; });
  }
  if (form && index) {
    var input = form.querySelector('input[type=search]');
    var q = new URLSearchParams(location.search).get('q');
    if (q) {
      input.value = q;
      search(q);
    }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      search(input.value);
      try { history.replaceState(null, '', '?q=' + encodeURIComponent(input.value)); } catch (e) { /* file:// in some browsers */ }
    });
  }

  /* Offline: over https or localhost only (service workers need a secure
   * context; from file:// the book is on the device already). */
  if (/^https?:$/.test(location.protocol)) {
    /* The web app manifest (add to home screen): linked only when served,
     * since a browser cannot fetch it from file://. */
    var link = d.createElement('link');
    link.rel = 'manifest';
    link.href = root + 'manifest.webmanifest';
    d.head.appendChild(link);
    if ('serviceWorker' in navigator && window.isSecureContext)
      navigator.serviceWorker.register(root + 'sw.js').catch(function () { /* offline later, not now */ });
  }
})();
