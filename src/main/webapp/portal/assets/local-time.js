// The server writes every instant in UTC, inside <time datetime="...">, so a page reads right without
// JavaScript. This rewrites each one in the viewer's own time zone and keeps the UTC text as its tooltip.
(function () {
    'use strict';
    var format = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };

    function localize(root) {
        root.querySelectorAll('time[datetime]:not([data-local])').forEach(function (t) {
            var when = new Date(t.getAttribute('datetime'));
            if (isNaN(when.getTime())) {
                return;
            }
            t.title = t.textContent.trim();
            t.textContent = when.toLocaleString(undefined, format);
            t.setAttribute('data-local', '');
        });
    }

    document.addEventListener('DOMContentLoaded', function () { localize(document); });
    // The audits table is replaced while an audit runs (htmx): its new times too.
    document.addEventListener('htmx:afterSwap', function (e) { localize(e.target); });
}());
