#!/usr/bin/env python3
"""What a first-time browser fetches besides the page itself: every script, style sheet, and what the style sheets
point to (fonts, images), with its size as sent (gzip asked for, as browsers do) and whether a browser may keep it.
A returning browser with these in its cache fetches none of them again while they are fresh.

    page-resources.py BASE_URL PATH...      e.g. page-resources.py http://localhost:8780 /login

Counts do not depend on the machine's load. The second-factor page needs a pending sign-in, so only pages that an
anonymous visitor can open are listed; the second-factor page uses the same layout and resources as /login, plus
its own script.
"""
import gzip, html, re, sys, urllib.parse, urllib.request

def fetch(url):
    request = urllib.request.Request(url, headers={'Accept-Encoding': 'gzip', 'User-Agent': 'mfa-portal-page-resources'})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        sent = len(body)
        if response.headers.get('Content-Encoding') == 'gzip':
            body = gzip.decompress(body)
        return body, sent, response.headers

def resources_of_page(base, page_html):
    found = []
    for tag in re.finditer(r'<(script|link)\b[^>]*>', page_html):
        attrs = dict((k.lower(), html.unescape(v)) for k, v in re.findall(r'([\w:-]+)="([^"]*)"', tag.group()))
        if tag.group(1) == 'script' and 'src' in attrs:
            found.append(urllib.parse.urljoin(base, attrs['src']))
        elif tag.group(1) == 'link' and 'stylesheet' in attrs.get('rel', '') and 'href' in attrs:
            found.append(urllib.parse.urljoin(base, attrs['href']))
    return found

def resources_of_css(css_url, css):
    return [urllib.parse.urljoin(css_url, url.strip('\'"')) for url in re.findall(r'url\(([^)]+)\)', css)
            if not url.strip('\'"').startswith('data:')]

def main(base, *paths):
    for path in paths:
        page, page_sent, _ = fetch(base + path)
        queue = resources_of_page(base + path, page.decode('utf-8'))
        seen, rows = set(), []
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            body, sent, headers = fetch(url)
            rows.append((sent, len(body), headers.get('Cache-Control') or headers.get('Expires') and 'Expires ' + headers.get('Expires') or '-', url))
            if url.split('?')[0].endswith('.css') or 'css' in (headers.get('Content-Type') or ''):
                queue.extend(resources_of_css(url, body.decode('utf-8', 'replace')))
        print(f'{path}: the page {page_sent} bytes as sent; {len(rows)} resources, {sum(r[0] for r in rows)} bytes as sent '
              f'({sum(r[1] for r in rows)} unpacked)')
        for sent, unpacked, cache, url in rows:
            print(f'  {sent:8d} {unpacked:8d}  {cache[:40]:40s}  {urllib.parse.urlsplit(url).path}?{urllib.parse.urlsplit(url).query[:50]}')

if __name__ == '__main__':
    main(*sys.argv[1:])
