#!/usr/bin/env python3
"""One sign-in as a browser without a session does it, request by request: method, path, status, where it leads, and
every session id the portal hands out. Counts do not depend on the machine's load.

    trace-sign-in.py BASE_URL USERS_FILE USERNAME [--queries]

--queries: after each request, the SQL statements it ran (H2's query statistics of the bench WAR, started afresh
before each request; the bench server must be the only client of the database meanwhile).

A TOTP user signs in with password + code (the code of a step no other run uses: take a user the load runs leave out,
e.g. beyond their --user-limit); a user without an app with the password alone. Follows the pages as the load driver
does: a redirect is followed, a page holding form #secondFactor gets the code, the landing page must hold #greeting.
"""
import base64, hashlib, hmac, html, re, struct, sys, time, urllib.parse, urllib.request, http.client

def totp(secret_b32, algorithm, digits, period, step):
    key = base64.b32decode(secret_b32 + '=' * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack('>Q', step), {'SHA1': hashlib.sha1, 'SHA256': hashlib.sha256, 'SHA512': hashlib.sha512}[algorithm]).digest()
    offset = digest[-1] & 0x0f
    value = struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7fffffff
    return str(value % 10 ** digits).zfill(digits)

def form(body, form_id):
    tag = re.search(r'<form\b[^>]*\bid="%s"[^>]*>' % re.escape(form_id), body)
    if not tag:
        return None
    end = body.index('</form>', tag.end())
    action = html.unescape(re.search(r'action="([^"]*)"', tag.group()).group(1))
    hidden = {}
    for field in re.finditer(r'<input\b[^>]*>', body[tag.end():end]):
        attrs = dict((k, html.unescape(v)) for k, v in re.findall(r'([\w:.-]+)="([^"]*)"', field.group()))
        if attrs.get('type') == 'hidden' and 'name' in attrs:
            hidden[attrs['name']] = attrs.get('value', '')
    nonce = re.search(r"PrimeFaces\.csp\.init\('([^']+)'\)", body)
    if nonce:  # PrimeFaces' CSP script adds the page's nonce to every form it submits
        hidden['primefaces.nonce'] = nonce.group(1).replace('\\/', '/')
    return action, hidden

def print_statements(statistics):
    rows = [line.split('\t', 1) for line in statistics.splitlines() if '\t' in line]
    rows = [(int(count), statement) for count, statement in rows if 'QUERY_STATISTICS' not in statement.upper()]
    kinds = {}
    for count, statement in rows:
        kind = statement.split(None, 1)[0].lower()
        kinds[kind] = kinds.get(kind, 0) + count
    print('     ' + (', '.join(f'{kind} {n}' for kind, n in sorted(kinds.items())) or 'no SQL'))
    for count, statement in rows:
        table = re.search(r'\b(?:from|into|update)\s+(\w+)', statement, re.IGNORECASE)
        print(f'     {count:3d}  {statement.split(None, 1)[0].lower():8s} {table.group(1) if table else "":18s} {statement[:110]}')

class Browser:
    def __init__(self, base, count_queries=False):
        self.base = urllib.parse.urlsplit(base)
        self.count_queries = count_queries
        self.cookies = {}
        self.requests = 0
        self.session_ids = []

    def query_statistics(self, method):
        connection = http.client.HTTPConnection(self.base.hostname, self.base.port)
        connection.request(method, '/bench/query-statistics')
        response = connection.getresponse()
        text = response.read().decode('utf-8')
        if response.status not in (200, 204):
            sys.exit(f'{method} /bench/query-statistics answered {response.status}: is this the bench WAR?')
        return text

    def send(self, method, path, body=None):
        if self.count_queries:
            self.query_statistics('POST')
        connection = http.client.HTTPConnection(self.base.hostname, self.base.port)
        headers = {'Accept': 'text/html,application/xhtml+xml', 'User-Agent': 'mfa-portal-trace', 'Sec-Fetch-Site': 'same-origin'}
        if self.cookies:
            headers['Cookie'] = '; '.join(f'{k}={v}' for k, v in self.cookies.items())
        if body is not None:
            headers['Content-Type'] = 'application/x-www-form-urlencoded'
            headers['Origin'] = f'{self.base.scheme}://{self.base.netloc}'
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode('utf-8')
        self.requests += 1
        new_ids = []
        for header, value in response.getheaders():
            if header.lower() == 'set-cookie':
                name, _, rest = value.partition('=')
                cookie_value = rest.split(';')[0]
                if 'max-age=0' in value.lower() or cookie_value == '':
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie_value
                if name == 'JSESSIONID' and cookie_value:
                    new_ids.append(cookie_value.split('.')[0])
                    self.session_ids.append(cookie_value.split('.')[0])
        location = response.getheader('Location')
        print(f'{self.requests}. {method:4s} {path:40s} -> {response.status}' + (f' {urllib.parse.urlsplit(location).path}' if location else '')
              + (f'   new session id {", ".join(i[:8] + "…" for i in new_ids)}' if new_ids else ''))
        if self.count_queries:
            print_statements(self.query_statistics('GET'))
        return response.status, location, text

    def follow(self, status, location, text):
        while status in (301, 302, 303, 307):
            status, location, text = self.send('GET', urllib.parse.urlsplit(location).path)
        return status, text

    def submit(self, body, form_id, fields, button):
        action, hidden = form(body, form_id)
        data = dict(hidden)
        data.update(fields)
        data[button] = ''
        return self.send('POST', action, urllib.parse.urlencode(data))

def main(base, users_file, username, *options):
    rows = [line.rstrip('\n').split('\t') for line in open(users_file, encoding='utf-8')][1:]
    user = next(row for row in rows if row[0] == username)
    browser = Browser(base, '--queries' in options)
    status, text = browser.follow(*browser.send('GET', '/login'))
    status, text = browser.follow(*browser.submit(text, 'login', {'login:username': user[0], 'login:password': user[1]}, 'login:signIn'))
    if form(text, 'secondFactor'):
        period = int(user[5])
        step = max(int(time.time()) // period, int(user[6]) + 1)
        code = totp(user[2], user[3], int(user[4]), period, step)
        status, text = browser.follow(*browser.submit(text, 'secondFactor', {'secondFactor:code': code}, 'secondFactor:verify'))
    ok = status == 200 and 'id="greeting"' in text
    print(f'signed in: {ok}; requests: {browser.requests}; distinct session ids handed out: {len(set(browser.session_ids))}')
    sys.exit(0 if ok else 1)

if __name__ == '__main__':
    main(*sys.argv[1:])
