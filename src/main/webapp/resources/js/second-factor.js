/*
 * The password form answers with the second-factor page itself (no redirect: one request fewer). The address bar
 * would still name /login, and reloading would post the password again: the page puts its own address there instead
 * (data-page-address), so a reload or a bookmark asks for the second-factor page with a GET. Without script a reload
 * posts the password again, which starts a new pending sign-in like typing it again would.
 */
(function () {
    'use strict';
    var page = document.querySelector('[data-page-address]');
    if (!page || !window.history || typeof window.history.replaceState !== 'function') {
        return;
    }
    var address = page.getAttribute('data-page-address');
    if (window.location.pathname !== address) {
        window.history.replaceState(null, '', address);
    }
}());
