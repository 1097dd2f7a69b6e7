/* The service worker of a bindery web edition: caches the whole book on the
 * first visit over https or localhost, then serves it from the cache, so
 * the book reads offline.  bindery fills in the cache name (the book's slug
 * and content hash: a new edition gets a new cache and the old one is
 * deleted) and the list of files. */
'use strict';
var PREFIX = 'bindery-tiny-';
var CACHE = PREFIX + 'bae52d4baf318c22';
var FILES = [
  "bindery.js",
  "contents.html",
  "glossary.html",
  "images/cover.png",
  "images/fig.svg",
  "index.html",
  "manifest.webmanifest",
  "search-index.js",
  "search.html",
  "text/bones.html",
  "text/coping.html",
  "text/help.html",
  "text/intro.html",
  "text/notes.html",
  "web.css"
];

self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(FILES); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (e) {
  if (e.request.method !== 'GET')
    return;
  var url = new URL(e.request.url);
  if (url.pathname.slice(-1) === '/')
    url.pathname += 'index.html';
  e.respondWith(caches.open(CACHE).then(function (c) {
    return c.match(url.href, { ignoreSearch: true }).then(function (r) { return r || fetch(e.request); });
  }));
});
