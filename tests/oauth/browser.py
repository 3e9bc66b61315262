#!/usr/bin/env python3
"""A browser for `postrum login --browser` in tests ($BROWSER): opens the sign-in page of the local
oidc-provider, logs in as $OAUTH_TEST_USER, accepts, and follows the redirect back to postrum's
loopback port as a browser would.  browser.py URL"""
import os, re, sys, urllib.parse, urllib.request, http.cookiejar
url = sys.argv[1]
user = os.environ.get("OAUTH_TEST_USER", "registrator")
jar = http.cookiejar.CookieJar()
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def form(html):
    action = re.search(r'<form[^>]*action="([^"]*)"', html)
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    return (action.group(1) if action else None), fields
def go(u, data=None):
    r = op.open(u, urllib.parse.urlencode(data).encode() if data is not None else None, timeout=10)
    return r.geturl(), r.read().decode()
u, html = go(url)
for _ in range(6):
    if 'name="login"' in html:
        act, f = form(html); f.update(login=user, password='x')
        u, html = go(urllib.parse.urljoin(u, act), f); continue
    if '<form' in html and ('prompt' in html or 'consent' in html.lower()):
        act, f = form(html)
        u, html = go(urllib.parse.urljoin(u, act), f); continue
    break
ok = "inloggad" in html
with open(os.environ.get("OAUTH_TEST_LOG", "/dev/null"), "a") as log:
    log.write(("ok " if ok else "failed ") + u + "\n")
sys.exit(0 if ok else 1)
