#!/usr/bin/env python3
"""Writes N realistic Cloudflare Access `access_requests` records (API shape) as NDJSON.

Deterministic for a given --seed. The variety follows MAPPING.md: every action and connection,
allowed/denied/absent, IPv4 and IPv6 (and the odd invalid address), two-letter and other
countries, unicode and id-only users, extra keys and nulls, 0-9 fraction digits.
"""
import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone

ACTIONS = ["login"] * 70 + ["logout"] * 10 + ["warpEnrollment"] * 8 + [""] * 7 + ["sso", "Login"] * 2 + [None]
CONNECTIONS = ["saml", "oidc", "okta", "azureAD", "google", "google-apps", "onelogin", "pingone",
               "centrify", "github", "facebook", "linkedin", "yandex", "onetimepin", "", "warp", "SAML", None]
COUNTRIES = ["us", "US", "de", "GB", "fr", "jp", "br", "in", "XX1", "", None]
USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "zoë"]
DOMAINS = ["example.com", "corp.example.org", "example.co.uk"]
APPS = ["wiki.example.com/admin", "grafana.example.com", "git.example.com/org/repo", "vpn.example.net",
        "jira.example.com/browse", "ssh.example.com"]


def ip(rng):
    roll = rng.random()
    if roll < 0.75:
        return ".".join(str(rng.randrange(1, 255)) for _ in range(4))
    if roll < 0.97:
        return "2001:db8:%x:%x::%x" % (rng.randrange(65536), rng.randrange(65536), rng.randrange(65536))
    return rng.choice(["", "unknown", "10.0.0.256", None])


def created_at(rng, moment):
    digits = rng.randrange(10)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if digits:
        stamp += "." + "".join(str(rng.randrange(10)) for _ in range(digits))
    return stamp + "Z"


def record(rng, index, moment):
    user = rng.choice(USERS)
    value = {
        "user_email": f"{user}{index % 97}@{rng.choice(DOMAINS)}",
        "ip_address": ip(rng),
        "app_uid": "%08x-%04x-4%03x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                                    rng.getrandbits(16), rng.getrandbits(48)),
        "app_domain": rng.choice(APPS),
        "action": rng.choice(ACTIONS),
        "connection": rng.choice(CONNECTIONS),
        "allowed": rng.choice([True, True, True, False, None]),
        "created_at": created_at(rng, moment),
        "ray_id": "%016x" % rng.getrandbits(64),
    }
    if rng.random() < 0.3:
        value["country"] = rng.choice(COUNTRIES)
    if rng.random() < 0.2:
        value["app_type"] = rng.choice(["self_hosted", "saas", "ssh"])
    if rng.random() < 0.1:
        value["user_id"] = "%08x-%04x-%04x-%04x-%012x" % tuple(rng.getrandbits(b) for b in (32, 16, 16, 16, 48))
    if rng.random() < 0.02:
        del value["user_email"]
        value["user_id"] = "%032x" % rng.getrandbits(128)
    return {k: v for k, v in value.items() if v is not None or rng.random() < 0.5}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    moment = datetime(2025, 7, 1, tzinfo=timezone.utc)
    out = sys.stdout
    for index in range(args.records):
        moment += timedelta(milliseconds=rng.randrange(0, 2000))
        out.write(json.dumps(record(rng, index, moment), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
