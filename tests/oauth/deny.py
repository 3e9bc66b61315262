#!/usr/bin/env python3
"""Declines an OAuth device code at the local oidc-provider as a person would: opens the verification
page, types the code, and presses [ Abort ].  deny.py VERIFICATION_URI USER_CODE"""
import re, sys, urllib.parse, urllib.request, http.cookiejar
uri, code = sys.argv[1:3]
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
def form(html):
    action = re.search(r'<form[^>]*action="([^"]*)"', html)
    return action.group(1), dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
def go(u, data):
    r = op.open(u, urllib.parse.urlencode(data).encode() if data is not None else None, timeout=10)
    return r.geturl(), r.read().decode()
u, html = go(uri, None)
act, f = form(html); f['user_code'] = code
u, html = go(urllib.parse.urljoin(u, act), f)
act, f = form(html); f['abort'] = 'yes'
u, html = go(urllib.parse.urljoin(u, act), f)
print("declined")
