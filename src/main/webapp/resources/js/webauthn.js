/*
 * WebAuthn ceremonies of the portal: asks the server for options, runs navigator.credentials, posts the result.
 * Works without PublicKeyCredential.toJSON() (older browsers) by encoding the response itself.
 * Markup: an element #webauthn with data-api (the API base URL) and data-context (the context path); buttons
 * #addKey, #useSecurityKey, #reauthWithKey, #signInWithPasskey; a live region #webauthnStatus.
 */
(function () {
    'use strict';

    const root = document.getElementById('webauthn');
    if (!root) {
        return;
    }
    const api = root.dataset.api;
    const context = root.dataset.context || '';
    const status = document.getElementById('webauthnStatus');

    function show(message) {
        status.textContent = message;
        status.hidden = !message;
    }

    function bytesOf(base64url) {
        const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
        const binary = atob(base64 + '='.repeat((4 - base64.length % 4) % 4));
        return Uint8Array.from(binary, c => c.charCodeAt(0));
    }

    function base64urlOf(buffer) {
        let binary = '';
        new Uint8Array(buffer).forEach(b => { binary += String.fromCharCode(b); });
        return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function descriptors(list) {
        return (list || []).map(d => Object.assign({}, d, { id: bytesOf(d.id) }));
    }

    function creationOptions(json) {
        return Object.assign({}, json, {
            challenge: bytesOf(json.challenge),
            user: Object.assign({}, json.user, { id: bytesOf(json.user.id) }),
            excludeCredentials: descriptors(json.excludeCredentials)
        });
    }

    function requestOptions(json) {
        return Object.assign({}, json, {
            challenge: bytesOf(json.challenge),
            allowCredentials: descriptors(json.allowCredentials)
        });
    }

    function credentialJson(credential) {
        if (typeof credential.toJSON === 'function') {
            return credential.toJSON();
        }
        const response = credential.response;
        const json = {
            id: credential.id,
            rawId: base64urlOf(credential.rawId),
            type: credential.type,
            clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
            response: { clientDataJSON: base64urlOf(response.clientDataJSON) }
        };
        if (credential.authenticatorAttachment) {
            json.authenticatorAttachment = credential.authenticatorAttachment;
        }
        if (response.attestationObject) {
            json.response.attestationObject = base64urlOf(response.attestationObject);
            json.response.transports = response.getTransports ? response.getTransports() : [];
        } else {
            json.response.authenticatorData = base64urlOf(response.authenticatorData);
            json.response.signature = base64urlOf(response.signature);
            if (response.userHandle) {
                json.response.userHandle = base64urlOf(response.userHandle);
            }
        }
        return json;
    }

    async function post(path, body) {
        const response = await fetch(api + path, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
            body: JSON.stringify(body || {})
        });
        let answer = {};
        try {
            answer = await response.json();
        } catch (notJson) {
            answer = { message: root.dataset.failed };
        }
        return { ok: response.ok, answer: answer };
    }

    function follow(answer) {
        if (answer.message) {
            show(answer.message);
        }
        if (answer.next) {
            window.location.assign(context + answer.next);
        }
    }

    /** One ceremony: options from the server, the browser's dialog, the result back to the server. */
    async function ceremony(button, optionsPath, optionsBody, runBrowser, resultPath, resultBody) {
        if (!window.PublicKeyCredential) {
            show(root.dataset.unsupported);
            return;
        }
        button.disabled = true;
        show('');
        try {
            const options = await post(optionsPath, optionsBody);
            if (!options.ok) {
                follow(options.answer);
                return;
            }
            let credential;
            try {
                credential = await runBrowser(options.answer);
            } catch (cancelled) {
                show(root.dataset.cancelled);
                return;
            }
            follow((await post(resultPath, resultBody(credentialJson(credential)))).answer);
        } finally {
            button.disabled = false;
        }
    }

    const addKey = document.getElementById('addKey');
    if (addKey) {
        addKey.addEventListener('click', () => {
            const passkey = document.getElementById('keyPasskey').checked;
            const name = document.getElementById('keyName').value;
            ceremony(addKey, '/registration/options', { passkey: passkey },
                json => navigator.credentials.create({ publicKey: creationOptions(json) }),
                '/registration', credential => ({ name: name, passkey: passkey, credential: credential }));
        });
    }

    const useSecurityKey = document.getElementById('useSecurityKey');
    if (useSecurityKey) {
        useSecurityKey.addEventListener('click', () => {
            const trust = document.getElementById('secondFactor:trustBrowser');
            ceremony(useSecurityKey, '/second-factor/options', {},
                json => navigator.credentials.get({ publicKey: requestOptions(json) }),
                '/second-factor' + (trust && trust.checked ? '?trustBrowser=true' : ''), credential => credential);
        });
    }

    const reauthWithKey = document.getElementById('reauthWithKey');
    if (reauthWithKey) {
        const back = document.getElementById('reauthKey').dataset.continue || '';
        reauthWithKey.addEventListener('click', () => ceremony(reauthWithKey, '/reauthentication/options', {},
            json => navigator.credentials.get({ publicKey: requestOptions(json) }),
            '/reauthentication?continue=' + encodeURIComponent(back), credential => credential));
    }

    const signInWithPasskey = document.getElementById('signInWithPasskey');
    if (signInWithPasskey) {
        signInWithPasskey.addEventListener('click', () => ceremony(signInWithPasskey, '/passkey/options', {},
            json => navigator.credentials.get({ publicKey: requestOptions(json), mediation: 'optional' }),
            '/passkey', credential => credential));
    }
}());
