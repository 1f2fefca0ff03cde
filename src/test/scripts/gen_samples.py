#!/usr/bin/env python3
"""Write the sample inputs of mailblocks under sample-logs/.

Deterministic: standard library only, fixed random seeds, no clock, no hash-order
dependence. Running it twice gives byte-identical files.

    python3 src/test/scripts/gen_samples.py            # writes sample-logs/...
    python3 src/test/scripts/gen_samples.py --out DIR  # somewhere else

The story behind the data: example.com sends mail from out1.example.com
(198.51.100.7 / 2001:db8:1::7) and receives on mx1.example.com (198.51.100.5).
Between Dec 29 2026 and Jan 3 2027 several receivers block it: Microsoft on and off,
Cox and wayne.example for days, Yahoo throttles, an SPF mistake on Dec 31 14:05-18:40
makes Gmail and others refuse mail for DMARC/SPF, IPv6 reverse DNS breaks on Jan 1.

Every address is a documentation address (192.0.2.0/24, 198.51.100.0/24,
203.0.113.0/24, 2001:db8::/32); receiver domains are either real mailbox providers
or *.example / example.org / example.net.

On stdout the script prints, per file, which line carries each "seed" refusal
(the messages the catalogue must classify), so tests can point at them.
"""

import argparse
import calendar
import csv
import datetime as dt
import io
import json
import os
import random
import re
import sys
import textwrap
from pathlib import Path

SEED = 20261229
REPO = Path(__file__).resolve().parents[3]

OUR_IP = "198.51.100.7"
OUR_IP6 = "2001:db8:1::7"
MX1_IP = "198.51.100.5"
MX1_IP6 = "2001:db8:1::5"

# Log window of the Postfix file: Dec 29 2026 00:00 .. Jan 3 2027 23:59:59 (server clock is UTC)
T0 = dt.datetime(2026, 12, 29, 0, 0, 0)
T_END = 6 * 86400 - 1
DAYS = {29: 0, 30: 1, 31: 2, 1: 3, 2: 4, 3: 5}


def at(day, hh=0, mm=0, ss=0):
    """Seconds since T0 for a day of the window (29, 30, 31, 1, 2, 3)."""
    return DAYS[day] * 86400 + hh * 3600 + mm * 60 + ss


def wall(t):
    return T0 + dt.timedelta(seconds=t)


def epoch(t):
    return calendar.timegm(wall(t).timetuple()) + (t - int(t))


# --------------------------------------------------------------------------------------
# small random helpers (all take the generator's own Random instance)
# --------------------------------------------------------------------------------------

HEX = "0123456789ABCDEF"
ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# Postfix safe_ultostr() digits: consonants first, so that ids do not spell words
PF_SAFE = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz"


def rstr(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def enc(n, alphabet, base, pad=0):
    s = ""
    while n:
        n, r = divmod(n, base)
        s = alphabet[r] + s
    return s.rjust(pad, alphabet[0]) or alphabet[0]


def uuidish(rng):
    h = rstr(rng, "0123456789abcdef", 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"


FIRST = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david",
         "elizabeth", "william", "barbara", "richard", "susan", "joseph", "jessica", "thomas",
         "sarah", "chris", "karen", "daniel", "nancy", "matthew", "lisa", "anthony", "betty",
         "mark", "sandra", "paul", "ashley", "steven", "emily", "andrew", "donna", "joshua",
         "michelle", "kevin", "carol", "brian", "amanda", "lukas", "lea", "hugo", "chloe",
         "mateo", "sofia", "noah", "emma", "yuki", "priya", "omar", "ines"]
LAST = ["smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis",
        "rodriguez", "martinez", "hernandez", "lopez", "gonzalez", "wilson", "anderson",
        "thomas", "taylor", "moore", "jackson", "martin", "lee", "perez", "thompson", "white",
        "harris", "sanchez", "clark", "ramirez", "lewis", "robinson", "walker", "young",
        "allen", "king", "wright", "scott", "torres", "nguyen", "hill", "flores", "muller",
        "schmidt", "dubois", "moreau", "tanaka", "sato", "patel", "khan", "novak", "rossi"]


def person(rng, style=None):
    f, l = rng.choice(FIRST), rng.choice(LAST)
    style = style or rng.choice(["f.l", "f.l", "f.l", "fl", "f_l", "fN", "f.lN", "initial"])
    if style == "f.l":
        return f"{f}.{l}"
    if style == "fl":
        return f"{f}{l}"
    if style == "f_l":
        return f"{f}_{l}"
    if style == "fN":
        return f"{f}{rng.randint(1, 99)}"
    if style == "f.lN":
        return f"{f}.{l}{rng.randint(70, 2005)}"
    return f"{f[0]}{l}"


# --------------------------------------------------------------------------------------
# receivers: MX hosts, what they answer on success, and how they refuse (policies)
# --------------------------------------------------------------------------------------


class MX:
    def __init__(self, host, ip, ip6=None):
        self.host, self.ip, self.ip6 = host, ip, ip6


class Outcome:
    """One delivery result for one recipient, independent of the MTA that logs it.

    stage: rcpt | mail | data | eod | greeting | connect | refused | dns | dns-perm |
           nullmx | conv-timeout | lost-greeting | sent
    lines: the remote reply as the receiver wrote it, one string per SMTP reply line
    """

    def __init__(self, kind, stage, mx=None, lines=None, tag=None, session=False, ip=None,
                 pre=None):
        self.kind, self.stage, self.mx, self.lines = kind, stage, mx, lines
        self.tag, self.session, self.ip, self.pre = tag, session, ip, pre or []

    @property
    def addr(self):
        return self.ip or (self.mx.ip if self.mx else None)


def wrap_reply(code, enh, text, width=64):
    """A multi-line SMTP reply, Gmail style: 550-5.7.1 ... / 550 5.7.1 ... (last)."""
    parts = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
    out = []
    for i, p in enumerate(parts):
        sep = " " if i == len(parts) - 1 else "-"
        out.append(f"{code}{sep}{enh} {p}" if enh else f"{code}{sep}{p}")
    return out


class Ctx:
    """What a receiver's policy sees: time, recipient, sender, attempt number, randomness."""

    def __init__(self, rng, t, rcpt, sender, attempt, kind, domain):
        self.rng, self.t, self.rcpt, self.sender = rng, t, rcpt, sender
        self.attempt, self.kind, self.domain = attempt, kind, domain
        self.local = rcpt.rsplit("@", 1)[0]

    def chance(self, p):
        return self.rng.random() < p

    def within(self, a, b):
        return a <= self.t < b


def gsmtp(rng):
    return (f"{rstr(rng, '0123456789abcdef', 13)}-{rstr(rng, ALNUM, 11)}si"
            f"{rng.randint(1000000, 9999999)}{rstr(rng, ALNUM, 3)}.{rng.randint(1, 600)} - gsmtp")


def ms_tag(rng, t):
    region = rng.choice(["namprd04", "namprd11", "eurprd04", "eurprd08", "eop-nam12",
                         "eop-EUR03", "apcprd06"])
    pre = rng.choice(["BN8NAM12FT", "AM4PEPF0000", "DS2PEPF0000", "MW2NAM10FT", "DB5EUR03FT",
                      "CH3PEPF0000", "SN1PEPF0002"]) + rstr(rng, "0123456789ABCDEF", 4)
    iso = wall(t).strftime("%Y-%m-%dT%H:%M:%S") + f".{rng.randint(0, 999):03d}Z"
    return f"[{pre}.{region}.prod.outlook.com {iso} 08DD{rstr(rng, HEX, 12)}]"


def mimecast_ref(rng, region):
    return f"[{rstr(rng, B62, 22)}.{region}{rng.randint(100, 330)}]"


SPF_INCIDENT = (at(31, 14, 5), at(31, 18, 40))
CAMPAIGNS = [(at(30, 9, 0), at(30, 11, 30)), (at(2, 10, 0), at(2, 12, 30))]


def in_campaign(t):
    return any(a <= t < b for a, b in CAMPAIGNS)


def sent(mx, line, ip=None):
    return Outcome("sent", "sent", mx, [line], ip=ip)


def said(kind, stage, mx, lines, tag=None, session=False, ip=None):
    if isinstance(lines, str):
        lines = [lines]
    return Outcome(kind, stage, mx, lines, tag, session=session or stage in ("greeting", "mail", "eod", "data"), ip=ip)


# ---- the big mailbox providers -------------------------------------------------------

GMAIL_MX = [MX("gmail-smtp-in.l.google.com", "203.0.113.26", "2001:db8:4860:4864::1b"),
            MX("alt1.gmail-smtp-in.l.google.com", "203.0.113.27", "2001:db8:4860:4c06::1b")]
GWS_MX = [MX("aspmx.l.google.com", "203.0.113.28"), MX("alt1.aspmx.l.google.com", "203.0.113.29")]
GMAIL_GONE = ["tom.hollis1987", "mary.k.sands", "pat.oneil.2004"]
GMAIL_FULL = "betty.anderson62"
GMAIL_QUOTA_TEMP = "omar.khan.design"


def gmail_reply(code, enh, lines, rng):
    """Gmail's own line breaks (they matter: Postfix flattens them, Exim keeps them as \\n)."""
    out = [f"{code}-{enh} {l}" for l in lines[:-1]]
    out.append(f"{code} {enh} {lines[-1]} {gsmtp(rng)}")
    return out


def pol_gmail(c, mxs=GMAIL_MX):
    r = c.rng
    mx = mxs[0]
    v6 = c.t >= at(1, 0, 0) and c.chance(0.12)
    ip = mx.ip6 if v6 else mx.ip
    if c.local in GMAIL_GONE:
        return said("bounce", "rcpt", mx, gmail_reply("550", "5.1.1", [
            "The email account that you tried to reach does not exist. Please try",
            "double-checking the recipient's email address for typos or",
            "unnecessary spaces. For more information, go to",
            " https://support.google.com/mail/?p=NoSuchUser"], r), "S31-gmail-no-such-user", ip=ip)
    if c.local == GMAIL_FULL:
        return said("bounce", "rcpt", mx, gmail_reply("552", "5.2.2", [
            "The recipient's inbox is out of storage space and inactive. Please direct",
            "the recipient to",
            " https://support.google.com/mail/?p=OverQuotaPerm"], r), "S30-gmail-over-quota", ip=ip)
    if c.local == GMAIL_QUOTA_TEMP and c.attempt < 3:
        return said("defer", "rcpt", mx, gmail_reply("452", "4.2.2", [
            "The recipient's inbox is out of storage space. Please direct the",
            "recipient to",
            " https://support.google.com/mail/?p=OverQuotaTemp"], r), "S30-gmail-over-quota", ip=ip)
    if v6 and c.t < at(2, 15, 0):
        return said("bounce", "eod", mx, gmail_reply("550", "5.7.25", [
            f"[{OUR_IP6}] The IP address sending this message does not have a",
            "PTR record setup, or the corresponding forward DNS entry does not",
            "point to the sending IP. As a policy, Gmail does not accept messages",
            "from IPs with missing PTR records. For more information, go to",
            " https://support.google.com/mail/answer/81126#ip-practices"], r), "S15-5.7.25-ptr", ip=ip)
    if c.within(*SPF_INCIDENT) and c.chance(0.8):
        return said("bounce", "eod", mx, gmail_reply("550", "5.7.26", [
            "Unauthenticated email from example.com is not accepted due to domain's",
            "DMARC policy. Please contact the administrator of example.com domain",
            "if this was a legitimate mail. To learn about the DMARC initiative, go",
            "to",
            " https://support.google.com/mail/?p=DmarcRejection"], r), "S16-S29-gmail-dmarc-5.7.26", ip=ip)
    if in_campaign(c.t) and c.attempt == 0 and c.chance(0.45):
        return said("defer", "eod", mx, gmail_reply("421", "4.7.0", [
            f"[{OUR_IP}      15] Our system has detected an unusual rate of",
            "unsolicited mail originating from your IP address. To protect our",
            "users from spam, mail sent from your IP address has been temporarily",
            "rate limited. Please visit",
            " https://support.google.com/mail/?p=UnsolicitedRateLimitError to",
            "review our Bulk Email Senders Guidelines."], r), "S28-gmail-unusual-rate", ip=ip)
    if c.within(at(30, 9, 30), at(1, 6, 0)) and c.chance(0.3 if c.kind == "news" else 0.2):
        return said("bounce", "eod", mx, gmail_reply("550", "5.7.1", [
            f"[{OUR_IP}      12] Our system has detected that this message is",
            "likely suspicious due to the very low reputation of the sending IP",
            "address. To best protect our users from spam, the message has been",
            "blocked. Please visit",
            " https://support.google.com/mail/answer/188131 for more information."], r),
            "S27-gmail-low-ip-reputation", ip=ip)
    return sent(mx, f"250 2.0.0 OK  {int(epoch(c.t))} {gsmtp(r)}", ip=ip)


def pol_wingtip(c):
    if c.local == "all-staff":
        return said("bounce", "rcpt", GWS_MX[0], wrap_reply("550", "5.7.1",
            "Sender is not allowed to email this group. The group all-staff@wingtip.example only "
            "accepts messages from members of the organisation. For more information, go to "
            f"https://support.google.com/a/answer/167097 {gsmtp(c.rng)}"), "S21-group-sender-not-allowed")
    return pol_gmail(c, GWS_MX)


def olc_mx(domain, ip):
    return MX(f"{domain.replace('.', '-')}.olc.protection.outlook.com", ip)


def ms_sent(c, mx):
    return sent(mx, f"250 2.6.0 <{uuidish(c.rng)}@example.com> [InternalId={c.rng.randint(10**12, 10**13)}, "
                    f"Hostname={rstr(c.rng, HEX, 2)}{c.rng.choice(['PR', 'P1'])}0{c.rng.randint(1, 9)}MB"
                    f"{c.rng.randint(1000, 9999)}.{c.rng.choice(['eurprd04', 'namprd11'])}.prod.outlook.com] "
                    f"{c.rng.randint(9000, 60000)} bytes in {c.rng.uniform(0.02, 0.4):.3f}, "
                    f"{c.rng.uniform(40, 900):.3f} KB/sec Queued mail for delivery")


def pol_msconsumer(c, mx):
    r = c.rng
    if c.local in ("kevin.brown22", "sandra.lopez"):
        return said("bounce", "rcpt", mx, "550 5.5.0 Requested action not taken: mailbox unavailable "
                    f"(S2017062302). {ms_tag(r, c.t)}", "S17-5.1.1-user-unknown")
    if c.within(at(30, 9, 0), at(1, 12, 0)) and c.chance(0.4 if c.kind == "news" else 0.2):
        return said("bounce", "rcpt", mx, f"550 5.7.1 Unfortunately, messages from [{OUR_IP}] weren't "
                    "sent. Please contact your Internet service provider since part of their network is "
                    "on our block list (S3140). You can also refer your provider to "
                    f"http://mail.live.com/mail/troubleshooting.aspx#errors. {ms_tag(r, c.t)}", "S32-ms-S3140")
    if c.t >= at(1, 12, 0) and c.chance(0.25):
        return said("bounce", "rcpt", mx, f"550 5.7.1 Unfortunately, messages from [{OUR_IP}] weren't "
                    "sent. Please contact your Internet service provider since part of their network is "
                    "on our block list (S3150). You can also refer your provider to "
                    f"http://mail.live.com/mail/troubleshooting.aspx#errors. {ms_tag(r, c.t)}", "S33-ms-S3150")
    return ms_sent(c, mx)


def eop_mx(domain, ip):
    return MX(f"{domain.replace('.', '-')}.mail.protection.outlook.com", ip)


def pol_contoso(c):
    mx = eop_mx("contoso.example", "203.0.113.120")
    if c.within(at(31, 8, 0), at(2, 16, 0)):
        return said("bounce", "rcpt", mx, f"550 5.7.606 Access denied, banned sending IP [{OUR_IP}]. To "
                    "request removal from this list please visit https://sender.office.com/ and follow the "
                    "directions. For more information please go to "
                    f"http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) {ms_tag(c.rng, c.t)}",
                    "S34-ms-5.7.606-banned-ip")
    return ms_sent(c, mx)


def pol_fabrikam(c):
    mx = eop_mx("fabrikam.example", "203.0.113.121")
    if c.local == "board":
        return said("bounce", "rcpt", mx, "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized "
                    f"{ms_tag(c.rng, c.t)}", "S35-ms-RESOLVER.RST.NotAuthorized")
    if c.local == "j.doe" and c.t >= at(1, 0, 0):
        return said("bounce", "rcpt", mx, "550 5.7.520 Access denied, external forwarding is blocked "
                    "by the recipient organization's outbound policy. Contact the recipient's "
                    f"administrator for further assistance. AS(7555) {ms_tag(c.rng, c.t)}",
                    "S22-external-forwarding-blocked")
    return ms_sent(c, mx)


def pol_northwind(c):
    mx = eop_mx("northwind.example", "203.0.113.122")
    return said("bounce", "rcpt", mx, "550 5.7.51 TenantInboundAttribution; rejected by connector "
                "policy restricting allowed IPs or certificates; the partner connector for "
                f"northwind.example does not list the sending IP. {ms_tag(c.rng, c.t)}",
                "S24-connector-policy")


def pol_yahoo(c, mxs):
    mx = c.rng.choice(mxs)
    if c.local in ("chris_king", "noah.flores77"):
        return said("bounce", "rcpt", mx, f"554 delivery error: dd This user doesn't have a "
                    f"{c.domain} account ({c.rcpt}) [0] - mta{c.rng.randint(1, 9)}.mail.bf1.yahoo.com",
                    "S17-5.1.1-user-unknown")
    if c.within(at(30, 9, 5), at(31, 22, 0)) and c.chance(0.7 if c.attempt < 4 else 0.45):
        return said("defer", "greeting", mx, f"421 4.7.0 [TSS04] Messages from {OUR_IP} temporarily "
                    "deferred due to unexpected volume or user complaints - 4.16.55.1; see "
                    "https://postmaster.yahooinc.com/error-codes", "S36-yahoo-TSS04")
    if c.within(*SPF_INCIDENT) and c.chance(0.7):
        return said("bounce", "eod", mx, "554 5.7.9 Message not accepted for policy reasons.  See "
                    "https://postmaster.yahooinc.com/error-codes", "X-yahoo-5.7.9-policy")
    return sent(mx, "250 ok dirdel")


YAHOO_MX = [MX("mta5.am0.yahoodns.net", "203.0.113.72"), MX("mta6.am0.yahoodns.net", "203.0.113.73"),
            MX("mta7.am0.yahoodns.net", "203.0.113.74")]
AOL_MX = [MX("mx-aol.mail.gm0.yahoodns.net", "203.0.113.75")]
ICLOUD_MX = [MX("mx01.mail.icloud.com", "203.0.113.81"), MX("mx02.mail.icloud.com", "203.0.113.82")]


def pol_icloud(c):
    mx = c.rng.choice(ICLOUD_MX)
    if c.within(at(31, 6, 0), at(3, 23, 59)) and c.chance(0.45):
        return said("bounce", "mail", mx, f"550 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip={OUR_IP}",
                    "S12-5.7.0-icloud-blocked")
    if c.chance(0.04):
        return said("bounce", "eod", mx, "554 5.7.1 [CS01] Message rejected due to local policy. Please "
                    "visit https://support.apple.com/en-us/HT204137", "S13-5.7.1")
    return sent(mx, f"250 2.0.0 Ok: queued as {rstr(c.rng, PF_SAFE, 14)}")


COMCAST_MX = [MX("mx1.comcast.net", "203.0.113.91", "2001:db8:558:fe21::6"), MX("mx2.comcast.net", "203.0.113.92")]


def pol_comcast(c):
    mx = c.rng.choice(COMCAST_MX)
    node = f"resimta-po-{c.rng.randint(10, 39)}v.sys.comcast.net"
    if c.within(at(30, 12, 0), at(31, 12, 0)) and c.chance(0.3):
        return said("bounce", "greeting", mx, f"554 {node} {node} {OUR_IP} found on one or more DNSBLs, "
                    "see http://postmaster.comcast.net/smtp-error-codes.php#BL000010", "X-comcast-BL000010")
    if in_campaign(c.t) and c.chance(0.15):
        return said("defer", "greeting", mx, f"421 {node} {node} {OUR_IP} rate limited, see "
                    "http://postmaster.comcast.net/smtp-error-codes.php#RL000001", "X-comcast-RL000001")
    return sent(mx, f"250 2.0.0 {rstr(c.rng, B62, 12)} mail accepted for delivery")


COX_MX = [MX("mx.west.cox.net", "203.0.113.95"), MX("mx.east.cox.net", "203.0.113.96")]


def pol_cox(c):
    mx = c.rng.choice(COX_MX)
    if c.within(at(29, 15, 0), at(2, 20, 0)):
        return said("defer", "greeting", mx, "421 cox blocked - Error Code: CDRBL - "
                    "https://www.cox.com/residential/support/email-error-codes-and-descriptions.html",
                    "S08-cox-CDRBL")
    return sent(mx, f"250 2.0.0 {rstr(c.rng, B62, 11)} mail accepted for delivery")


VERIZON_MX = [MX("relay.verizon.net", "203.0.113.99")]


def pol_verizon(c):
    mx = VERIZON_MX[0]
    if c.t >= at(30, 0, 0) and c.chance(0.6):
        return said("bounce", "mail", mx, f"571 Email from {OUR_IP} is currently blocked by Verizon "
                    "Online's anti-spam system. The email sender or Email Service Provider may visit "
                    f"http://www.verizon.net/whitelist and request removal of the block. {c.rng.randint(100000, 999999)}",
                    "S09-verizon-571")
    return sent(mx, "250 ok dirdel")


ATT_MX = [MX("ff-ip4-mx-vip1.prodigy.net", "203.0.113.101"), MX("ff-ip4-mx-vip2.prodigy.net", "203.0.113.102")]


def pol_att(c):
    mx = c.rng.choice(ATT_MX)
    if c.t >= at(1, 0, 0) and c.chance(0.5):
        return said("bounce", "mail", mx, f"554 5.7.1 - ERROR: Mail refused - <{OUR_IP}> - See "
                    "https://www.att.com/support/article/email-support/KM1064278/", "S10-att-mail-refused")
    return sent(mx, f"250 2.0.0 Ok: queued as {rstr(c.rng, HEX, 10)}")


EARTHLINK_MX = [MX("mx1.earthlink.net", "203.0.113.105"), MX("mx2.earthlink.net", "203.0.113.106")]


def pol_earthlink(c):
    mx = c.rng.choice(EARTHLINK_MX)
    if c.within(at(31, 0, 0), at(2, 12, 0)) and c.chance(0.6):
        return said("bounce", "greeting", mx, "554 (RTR:BL) https://support.earthlink.net/articles/"
                    f"email/email-blocked-by-earthlink.php {OUR_IP}", "S05-earthlink-RTR-BL")
    return sent(mx, "250 2.0.0 Message received")


def pol_tonline(c):
    mx = MX("mx00.t-online.de", "203.0.113.112")
    if c.within(at(1, 9, 0), at(1, 13, 0)):
        return said("bounce", "greeting", mx, f"554 IP={OUR_IP} - A problem occurred. (Ask your postmaster "
                    "for help or to contact tosa@rx.t-online.de to clarify.)", "X-t-online")
    return sent(mx, f"250 2.0.0 Message accepted. {rstr(c.rng, B62, 10)}")


def pol_plain_sent(mx, fmt="postfix"):
    def pol(c):
        m = c.rng.choice(mx) if isinstance(mx, list) else mx
        if fmt == "exim":
            return sent(m, f"250 OK id={rstr(c.rng, B62, 6)}-{rstr(c.rng, B62, 6)}-{rstr(c.rng, B62, 2)}")
        if fmt == "gmx":
            return sent(m, f"250 Requested mail action okay, completed: id={rstr(c.rng, B62, 21)}")
        if fmt == "orange":
            return sent(m, f"250 2.0.0 {rstr(c.rng, B62, 12)} mail accepted for delivery")
        return sent(m, f"250 2.0.0 Ok: queued as {rstr(c.rng, HEX, 10)}")
    return pol


# ---- corporate receivers behind gateways -----------------------------------------------

def pphosted(n, ab, ip):
    return MX(f"mx0{ab}-00{n}.pphosted.com", ip)


def pol_globex(c):
    mx = c.rng.choice([pphosted("1a2b01", "a", "203.0.113.140"), pphosted("1a2b01", "b", "203.0.113.141")])
    if c.t >= at(30, 0, 0) and c.chance(0.6):
        return said("bounce", "mail", mx, f"554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip={OUR_IP}",
                    "S26-proofpoint-blocked")
    return sent(mx, f"250 2.0.0 4{rstr(c.rng, ALNUM, 9)}-1 Message accepted for delivery")


def pol_umbrella(c):
    mx = c.rng.choice([pphosted("3c4d02", "a", "203.0.113.142"), pphosted("3c4d02", "b", "203.0.113.143")])
    if c.chance(0.2):
        return said("bounce", "eod", mx, "550 5.7.1 Message rejected by policy. The recipient's "
                    "administrator does not accept this message (Proofpoint rule outbound-newsletter-block). "
                    f"Ref: {rstr(c.rng, ALNUM, 10)}", "S26-proofpoint-policy")
    return sent(mx, f"250 2.0.0 4{rstr(c.rng, ALNUM, 9)}-1 Message accepted for delivery")


def mimecast(region, n):
    return MX(f"{region}-smtp-inbound-{n}.mimecast.com", f"203.0.113.{150 + n + (0 if region == 'us' else 4)}")


def pol_hooli(c):
    mx = c.rng.choice([mimecast("us", 1), mimecast("us", 2)])
    if c.chance(0.2):
        return said("bounce", "eod", mx, "554 Email rejected due to security policies - "
                    f"https://community.mimecast.com/docs/DOC-1369#554 {mimecast_ref(c.rng, 'us')}",
                    "S25-mimecast-security-policies")
    if c.chance(0.1):
        return said("defer", "rcpt", mx, "451 Internal resource temporarily unavailable - "
                    f"https://community.mimecast.com/docs/DOC-1369#451 {mimecast_ref(c.rng, 'us')}",
                    "X-mimecast-451")
    return sent(mx, f"250 2.0.0 Ok {rstr(c.rng, B62, 22)}.us{c.rng.randint(100, 330)}")


def pol_piedpiper(c):
    mx = c.rng.choice([mimecast("eu", 1), mimecast("eu", 2)])
    if c.local == "richard.hendricks":
        return said("bounce", "rcpt", mx, "550 Envelope blocked - User Entry - "
                    f"https://community.mimecast.com/docs/DOC-1369#550 {mimecast_ref(c.rng, 'eu')}",
                    "S25-mimecast-envelope-blocked")
    return sent(mx, f"250 2.0.0 Ok {rstr(c.rng, B62, 22)}.eu{c.rng.randint(100, 330)}")


def pol_soylent(c):
    mx = MX("d204813a.ess.barracudanetworks.com", "203.0.113.160")
    if c.within(at(30, 12, 0), at(1, 18, 0)) and c.chance(0.5):
        return said("bounce", "rcpt", mx, f"554 Service unavailable; Client host [{OUR_IP}] blocked using "
                    f"Barracuda Reputation; http://www.barracudanetworks.com/reputation/?pr=1&ip={OUR_IP}",
                    "X-barracuda-reputation")
    return sent(mx, f"250 Ok: queued as {int(epoch(c.t))}-{c.rng.randint(100000, 999999)}-{c.rng.randint(10000, 99999)}-1")


def pol_vandelay(c):
    mx = MX("mx1.hc4471-21.iphmx.com", "203.0.113.170")
    if c.t >= at(2, 0, 0) and c.chance(0.5):
        return said("bounce", "rcpt", mx, "550 #5.7.1 Your access to submit messages to this e-mail "
                    "system has been rejected.", "X-cisco-access-rejected")
    return sent(mx, f"250 ok:  Message {c.rng.randint(10**8, 10**9)} accepted")


def own(name, ip):
    return MX(name, ip)


def pol_stark(c):
    mx = own("mx.stark.example", "192.0.2.150")
    if c.within(at(31, 0, 0), at(1, 20, 0)) and c.chance(0.8):
        return said("bounce", "rcpt", mx, f"550 Rejected: {OUR_IP} listed at zen.spamhaus.org for remediation",
                    "S07-spamhaus-listed")
    return pol_plain_sent(mx, "exim")(c)


def pol_wayne(c):
    mx = own("mail.wayne.example", "192.0.2.170")
    if c.within(at(29, 6, 0), at(2, 9, 0)):
        return said("defer", "rcpt", mx, "451 Not currently accepting mail from your ip", "S03-451-not-accepting-ip")
    return pol_plain_sent(mx)(c)


def pol_acme(c):
    mx = own("mx.acme.example", "192.0.2.120")
    if c.within(at(31, 6, 0), at(31, 14, 0)):
        return said("defer", "greeting", mx, "421 Service unavailable - try again later", "S04-421-try-later")
    return pol_plain_sent(mx)(c)


def pol_oscorp(c):
    mx = own("smtp.oscorp.example", "192.0.2.125")
    if c.within(at(30, 0, 0), at(2, 0, 0)) and c.chance(0.5):
        return said("defer", "greeting", mx, "475 access from your network is restricted, try later",
                    "S06-475-network-restricted")
    return pol_plain_sent(mx)(c)


def pol_cyberdyne(c):
    mx = own("mx1.cyberdyne.example", "192.0.2.130")
    if c.chance(0.3):
        return said("defer", "eod", mx, "421 4.4.2 service timed out", "S11-421-4.4.2-timed-out")
    return pol_plain_sent(mx)(c)


def pol_massive(c):
    mx = own("mail.massive-dynamic.example", "192.0.2.135")
    if c.chance(0.4):
        return said("bounce", "eod", mx, "554 message rejected for policy reasons", "S02-554-policy-reasons")
    return pol_plain_sent(mx)(c)


def pol_dunder(c):
    mx = own("mx.dunder-mifflin.example", "192.0.2.140")
    if c.within(at(2, 0, 0), at(2, 18, 0)) and c.chance(0.6):
        return said("bounce", "eod", mx, "550 5.7.20 Message rejected: No passing DKIM signature found "
                    "(d=example.com: body hash did not verify)", "S15b-5.7.20-dkim")
    if c.chance(0.3):
        return said("bounce", "rcpt", mx, "554 5.7.1 The recipient's mail server rejected the sender due "
                    "to policy or blocklist rules", "S01-policy-or-blocklist-rules")
    return pol_plain_sent(mx)(c)


def pol_sterling(c):
    mx = own("mx.sterling.example", "192.0.2.145")
    if c.within(*SPF_INCIDENT):
        return said("bounce", "rcpt", mx, f"550 5.7.23 <{c.sender}>: Sender address rejected: Message "
                    f"rejected due to: SPF fail - not authorized. Please see "
                    f"http://www.open-spf.org/Why?s=mfrom;id={c.sender.replace('@', '%40')};ip={OUR_IP};r=mx.sterling.example",
                    "S14-5.7.23-spf")
    return pol_plain_sent(mx)(c)


def pol_bluth(c):
    mx = own("mail.bluth.example", "192.0.2.155")
    if c.sender.startswith("bounce-news@"):
        return said("bounce", "mail", mx, f"553 5.7.1 <{c.sender}>: Sender address not accepted: bulk "
                    "senders are refused by this site", "S19-553-sender-not-accepted")
    return pol_plain_sent(mx)(c)


def pol_prestige(c):
    mx = own("mx.prestige.example", "192.0.2.160")
    return said("bounce", "rcpt", mx, f"554 5.4.1 <{c.rcpt}>: Relay access denied", "S18-5.4.1-relay-denied")


def pol_monsters(c):
    mx = own("mx.monsters.example", "192.0.2.165")
    if c.chance(0.25):
        return said("bounce", "eod", mx, "550 5.7.1 Message rejected as spam by Content Filtering.",
                    "S13-5.7.1")
    return pol_plain_sent(mx)(c)


def pol_initech(c):
    mx = own("mail.initech.example", "192.0.2.175")
    if c.local == "ceo":
        return said("bounce", "rcpt", mx, f"554 5.7.1 <{c.rcpt}>: Recipient address rejected: Mailbox "
                    "only accepts mail from approved senders", "S20-approved-senders-only")
    if c.attempt == 0 and c.chance(0.7):
        return said("defer", "rcpt", mx, f"450 4.2.0 <{c.rcpt}>: Recipient address rejected: Greylisted, "
                    "see http://postgrey.schweikert.ch/help/initech.example.html", "X-remote-greylisted")
    return pol_plain_sent(mx)(c)


def pol_lists(c):
    mx = own("mail.lists.example.org", "192.0.2.180")
    if c.local in ("weekly-digest", "hugo.moreau"):
        return said("bounce", "rcpt", mx, f"550 5.7.1 <{c.rcpt}>: Message rejected: the recipient has "
                    "unsubscribed from mail sent by this sender", "S23-recipient-unsubscribed")
    return pol_plain_sent(mx)(c)


def pol_example_org(c):
    mx = own("mx.example.org", "192.0.2.185")
    if c.local in ("old.accounts", "r.whitaker", "sales-archive"):
        return said("bounce", "rcpt", mx, f"550 5.1.1 <{c.rcpt}>: Recipient address rejected: User unknown "
                    "in local recipient table", "S17-5.1.1-user-unknown")
    return pol_plain_sent(mx)(c)


EXNET_MX = MX("mx.example.net", "203.0.113.5", "2001:db8::25")


def pol_example_net(c):
    mx = EXNET_MX
    if c.within(at(31, 20, 0), at(1, 2, 0)):
        return Outcome("defer", "connect", mx, tag="P04-connect-timeout", session=True)
    if c.within(at(1, 2, 0), at(1, 9, 0)):
        o = sent(mx, f"250 2.0.0 Ok: queued as {rstr(c.rng, HEX, 10)}", ip=mx.ip6)
        o.pre = [Outcome("defer", "connect", mx, tag="P04-connect-timeout")]
        o.tag = "P01-ipv6-relay"
        return o
    if c.within(at(30, 16, 0), at(30, 18, 30)) or c.chance(0.04):
        return Outcome("defer", "lost-greeting", mx, tag="P07-lost-connection-greeting", session=True)
    if c.chance(0.3):
        o = sent(mx, f"250 2.0.0 Ok: queued as {rstr(c.rng, HEX, 10)}", ip=mx.ip6)
        o.tag = "P01-ipv6-relay"
        return o
    return sent(mx, f"250 2.0.0 Ok: queued as {rstr(c.rng, HEX, 10)}")


def pol_nullmx(c):
    return Outcome("bounce", "nullmx", None, tag="P06-nullmx", session=True)


def pol_nxdomain(c):
    return Outcome("bounce", "dns-perm", None, tag="P05-host-not-found", session=True)


def pol_servfail(c):
    return Outcome("defer", "dns", None, tag="P05-host-not-found", session=True)


def pol_gringotts(c):
    mx = own("mx.gringotts.example", "192.0.2.190")
    if c.attempt == 0 and c.chance(0.4):
        return Outcome("defer", "conv-timeout", mx, tag="P08-conversation-timeout", session=True)
    return pol_plain_sent(mx)(c)


DOMAINS = {}  # name -> (weight for transactional/news, weight for user mail, policy)


def _d(name, w, wu, pol):
    DOMAINS[name] = (w, wu, pol)


_d("gmail.com", 26, 6, pol_gmail)
_d("outlook.com", 6, 2, lambda c: pol_msconsumer(c, olc_mx("outlook.com", "203.0.113.33")))
_d("hotmail.com", 6, 2, lambda c: pol_msconsumer(c, olc_mx("hotmail.com", "203.0.113.34")))
_d("live.com", 2, 0.5, lambda c: pol_msconsumer(c, olc_mx("live.com", "203.0.113.35")))
_d("yahoo.com", 7, 1.5, lambda c: pol_yahoo(c, YAHOO_MX))
_d("aol.com", 2, 0.5, lambda c: pol_yahoo(c, AOL_MX))
_d("icloud.com", 4, 1, pol_icloud)
_d("me.com", 1, 0.3, pol_icloud)
_d("comcast.net", 3, 0.5, pol_comcast)
_d("cox.net", 1, 0.3, pol_cox)
_d("verizon.net", 2, 0.3, pol_verizon)
_d("att.net", 2, 0.3, pol_att)
_d("earthlink.net", 1, 0.2, pol_earthlink)
_d("gmx.de", 2, 0.5, pol_plain_sent(MX("mx00.emig.gmx.net", "203.0.113.110"), "gmx"))
_d("web.de", 1, 0.3, pol_plain_sent(MX("mx-ha03.web.de", "203.0.113.111"), "gmx"))
_d("t-online.de", 1, 0.3, pol_tonline)
_d("orange.fr", 1, 0.3, pol_plain_sent(MX("smtp-in.orange.fr", "203.0.113.113"), "orange"))
_d("example.org", 3, 3, pol_example_org)
_d("example.net", 2, 2, pol_example_net)
_d("contoso.example", 2, 4, pol_contoso)
_d("fabrikam.example", 2, 4, pol_fabrikam)
_d("northwind.example", 1.5, 3, pol_northwind)
_d("wingtip.example", 1.5, 3, pol_wingtip)
_d("initech.example", 1, 3, pol_initech)
_d("globex.example", 2, 3, pol_globex)
_d("umbrella.example", 1, 2, pol_umbrella)
_d("hooli.example", 1.5, 3, pol_hooli)
_d("piedpiper.example", 1, 2, pol_piedpiper)
_d("soylent.example", 1, 2, pol_soylent)
_d("vandelay.example", 1, 2, pol_vandelay)
_d("stark.example", 1, 2, pol_stark)
_d("wayne.example", 1, 1.5, pol_wayne)
_d("acme.example", 1.5, 3, pol_acme)
_d("oscorp.example", 1, 2, pol_oscorp)
_d("cyberdyne.example", 1, 2, pol_cyberdyne)
_d("massive-dynamic.example", 1, 2, pol_massive)
_d("dunder-mifflin.example", 1, 2, pol_dunder)
_d("sterling.example", 1, 2, pol_sterling)
_d("bluth.example", 1, 1.5, pol_bluth)
_d("prestige.example", 0.5, 0.5, pol_prestige)
_d("monsters.example", 1, 1.5, pol_monsters)
_d("lists.example.org", 0.5, 0.5, pol_lists)
_d("noreply.example.net", 0.3, 0.2, pol_nullmx)
_d("gmial.example", 0.3, 0.1, pol_nxdomain)
_d("stratton.example", 0.3, 0.3, pol_servfail)
_d("gringotts.example", 1, 1.5, pol_gringotts)

# addresses the policies single out, so that they appear in the traffic
SPECIAL_RCPTS = (
    [f"{u}@gmail.com" for u in GMAIL_GONE] + [f"{GMAIL_FULL}@gmail.com", f"{GMAIL_QUOTA_TEMP}@gmail.com",
     "kevin.brown22@hotmail.com", "sandra.lopez@outlook.com", "chris_king@yahoo.com",
     "noah.flores77@aol.com", "board@fabrikam.example", "j.doe@fabrikam.example",
     "all-staff@wingtip.example", "ceo@initech.example", "richard.hendricks@piedpiper.example",
     "weekly-digest@lists.example.org", "hugo.moreau@lists.example.org", "old.accounts@example.org",
     "r.whitaker@example.org", "sales-archive@example.org", '"john smith"@example.org',
     "info@noreply.example.net", "anna.schmidt@gmial.example", "desk@stratton.example"])


def outcome_for(rng, t, rcpt, sender, attempt, kind):
    domain = rcpt.rsplit("@", 1)[1].lower()
    c = Ctx(rng, t, rcpt, sender, attempt, kind, domain)
    return DOMAINS[domain][2](c)


def dsn_of(kind, lines):
    if lines:
        m = re.match(r"^(\d)\d\d[ -](\d\.\d{1,3}\.\d{1,3})\b", lines[0])
        if m and m.group(2)[0] == m.group(1):
            return m.group(2)
        return {"2": "2.0.0", "4": "4.0.0", "5": "5.0.0"}.get(lines[0][0], "4.0.0")
    return "2.0.0" if kind == "sent" else ("4.0.0" if kind == "defer" else "5.0.0")


# ======================================================================================
# Postfix: sample-logs/postfix/maillog
# ======================================================================================

PF_VERSION = "3.8.6"
PROG_OFF = {"smtpd": 0, "cleanup": 1, "smtp": 2, "lmtp": 3, "local": 4, "virtual": 5, "pipe": 6,
            "bounce": 7, "error": 8, "pickup": 9, "trivial-rewrite": 10, "postscreen": 3, "dnsblog": 5,
            "postfix-script": 6}
CMD = {"rcpt": "RCPT TO", "mail": "MAIL FROM", "data": "DATA", "eod": "end of DATA"}
TLS13 = ("TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 "
         "server-signature RSA-PSS (2048 bits) server-digest SHA256")
TLS13_EC = ("TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 "
            "server-signature ECDSA (P-256) server-digest SHA256")
TLS12 = "TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)"

USERS = ["alice.martin", "carlos.diaz", "dana.kim", "erik.larsen", "fatima.haddad", "george.chen",
         "hannah.novak", "ivan.petrov", "julia.rossi", "kenji.sato", "laura.bianchi", "mehmet.yilmaz"]
BULK_SENDERS = ["noreply@example.com", "invoices@example.com", "bounce-news@example.com",
                "alerts@example.com"]


def pf_time(t):
    w = wall(t)
    return f"{w.strftime('%b')} {w.day:>2} {w.strftime('%H:%M:%S')}"


def pf_num(v):
    """Postfix delay formatting: 0.87, 5.2, 582."""
    if v < 0.005:
        return "0"
    if v < 1:
        return f"{v:.2f}".rstrip("0").rstrip(".")
    if v < 10:
        return f"{v:.1f}".rstrip("0").rstrip(".")
    return str(int(round(v)))


class SyslogWriter:
    def __init__(self):
        self.items = []
        self.seq = 0

    def add(self, t, host, prog, pid, msg, tag=None):
        self.items.append((t, self.seq, host, prog, pid, msg, tag))
        self.seq += 1

    def render(self):
        items = sorted((i for i in self.items if 0 <= i[0] <= T_END), key=lambda i: (i[0], i[1]))
        lines, tags = [], []
        for t, _, host, prog, pid, msg, tag in items:
            lines.append(f"{pf_time(t)} {host} {prog}[{pid}]: {msg}")
            tags.append(tag)
        return lines, tags


class PostfixSim:
    LIFETIME = {"postfix": 2 * 86400, "postfix-out": 86400}   # maximal_queue_lifetime per instance

    def __init__(self, rng):
        self.rng = rng
        self.w = SyslogWriter()
        self.qids = set()
        self.dead = {}
        self.fixed = {("mx1", "postfix", "qmgr"): 1874, ("mx1", "postfix", "master"): 1201,
                      ("mx1", "postfix", "anvil"): 28830, ("mx1", "postfix", "tlsmgr"): 1889,
                      ("mx1", "postfix", "postscreen"): 28811,
                      ("out1", "postfix", "qmgr"): 2211, ("out1", "postfix", "master"): 1988,
                      ("out1", "postfix", "tlsmgr"): 2230, ("out1", "postfix", "scache"): 31002,
                      ("out1", "postfix-out", "qmgr"): 2390, ("out1", "postfix-out", "master"): 2375,
                      ("out1", "postfix-out", "scache"): 31040, ("out1", "postfix-out", "tlsmgr"): 2402}
        self.restarts = []   # (t, key, new pid)

    # ---- plumbing -----------------------------------------------------------------
    def log(self, t, host, prog, msg, pid=None, tag=None):
        if pid is None:
            pid = self.pid(host, prog, t)
        self.w.add(t, host, prog, pid, msg, tag)

    def pid(self, host, prog, t):
        inst = prog.split("/")[0]
        name = prog.split("/")[-1]
        key = (host, inst, name)
        if key in self.fixed:
            p = self.fixed[key]
            for rt, rkey, rp in self.restarts:
                if rkey == key and t >= rt:
                    p = rp
            return p
        base = 31000 if host == "out1" else 12000
        return base + int(t / 23) * 97 + PROG_OFF.get(name, 0) * 8 + (4 if inst == "postfix-out" else 0) \
            + self.rng.randint(0, 3)

    def qid(self, inst, t):
        while True:
            usec = self.rng.randint(0, 999999)
            if inst == "postfix-out":
                sec = int(epoch(t))
                q = (enc(sec, PF_SAFE, 52, 6) + enc(usec, PF_SAFE, 52, 4) + "z"
                     + enc(self.rng.randint(40000, 6000000), PF_SAFE[:51], 51))
            else:
                ino = self.rng.randint(0x10000, 0xFFFFF) if self.rng.random() < 0.7 else \
                    self.rng.randint(0x100000, 0x3FFFFF)
                q = f"{usec:05X}{ino:X}"
            if q not in self.qids:
                self.qids.add(q)
                return q

    def is_dead(self, key, t):
        for a, b, reason, dsn in self.dead.get(key, []):
            if a <= t < b:
                return reason, dsn
        return None

    # ---- outbound -----------------------------------------------------------------
    def status_text(self, o, domain):
        mx = o.mx
        ip = o.addr
        if o.stage == "sent":
            return f"{mx.host}[{ip}]:25", " ".join(o.lines)
        if o.stage in CMD:
            return (f"{mx.host}[{ip}]:25",
                    f"host {mx.host}[{ip}] said: {' '.join(o.lines)} (in reply to {CMD[o.stage]} command)")
        if o.stage == "greeting":
            return f"{mx.host}[{ip}]:25", f"host {mx.host}[{ip}] refused to talk to me: {' '.join(o.lines)}"
        if o.stage == "connect":
            return "none", f"connect to {mx.host}[{ip}]:25: Connection timed out"
        if o.stage == "lost-greeting":
            return (f"{mx.host}[{ip}]:25",
                    f"lost connection with {mx.host}[{ip}] while receiving the initial server greeting")
        if o.stage == "conv-timeout":
            return (f"{mx.host}[{ip}]:25", f"conversation with {mx.host}[{ip}] timed out while sending "
                    "end of data -- message may be sent more than once")
        if o.stage == "dns":
            return "none", (f"Host or domain name not found. Name service error for name={domain} "
                            "type=MX: Host not found, try again")
        if o.stage == "dns-perm":
            return "none", f"Host or domain name not found. Name service error for name={domain} type=MX: Host not found"
        if o.stage == "nullmx":
            return "none", f"Domain {domain} does not accept mail (nullMX)"
        raise ValueError(o.stage)

    def dsn(self, o):
        fixed = {"connect": "4.4.1", "lost-greeting": "4.4.2", "conv-timeout": "4.4.2", "dns": "4.4.3",
                 "dns-perm": "5.4.4", "nullmx": "5.1.10"}
        if o.stage in fixed:
            return fixed[o.stage]
        return dsn_of(o.kind, o.lines)

    def deliver(self, host, inst, q, t_arr, t_active, sender, rcpts, size, kind):
        rng = self.rng
        smtp = f"{inst}/smtp"
        lifetime = self.LIFETIME[inst]
        pending = list(rcpts)
        attempt, backoff, t = 0, 300, t_active
        warned = False
        while True:
            if attempt > 0:
                self.log(t, host, f"{inst}/qmgr", f"{q}: from=<{sender}>, size={size}, nrcpt={len(pending)} (queue active)")
            groups = {}
            for r in pending:
                groups.setdefault(r.rsplit("@", 1)[1].lower(), []).append(r)
            new_pending, bounced, round_end = [], [], t
            for dom, rs in groups.items():
                tt = t + rng.uniform(0.005, 0.06) + (rng.uniform(0.5, 25) if in_campaign(t) and attempt == 0 else 0)
                dead = self.is_dead((inst, dom), tt)
                if dead:
                    epid = self.pid(host, f"{inst}/error", tt)
                    for r in rs:
                        tt += rng.uniform(0.001, 0.02)
                        a = tt - t_arr
                        self.log(tt, host, f"{inst}/error",
                                 f"{q}: to=<{r}>, relay=none, delay={pf_num(a)}, delays={pf_num(a)}/0/0/0, "
                                 f"dsn={dead[1]}, status=deferred (delivery temporarily suspended: {dead[0]})",
                                 pid=epid, tag="P21-delivery-temporarily-suspended")
                        new_pending.append(r)
                    round_end = max(round_end, tt)
                    continue
                spid = self.pid(host, smtp, tt) + 2 * len(new_pending) + 3 * len(bounced)
                outs, sess = [], None
                for r in rs:
                    if sess is not None:
                        outs.append(sess)
                        continue
                    o = outcome_for(rng, tt, r, sender, attempt, kind)
                    tries = 0
                    while outs and o.session and tries < 4:
                        o = outcome_for(rng, tt, r, sender, attempt, kind)
                        tries += 1
                    if o.session and not outs:
                        sess = o
                    outs.append(o)
                first = outs[0]
                a = (tt - t_arr) if attempt > 0 else rng.uniform(0.01, 0.3)
                b = rng.uniform(0, 0.04) + (tt - t - 0.06 if in_campaign(t) and attempt == 0 else 0)
                b = max(b, 0)
                c_setup = {"connect": 30.0, "lost-greeting": rng.uniform(0.2, 5)}.get(first.stage, rng.uniform(0.05, 0.9))
                if first.stage in ("dns", "dns-perm", "nullmx"):
                    c_setup = 0.0
                tl = tt + c_setup
                for p in first.pre:
                    if p.stage == "connect":
                        self.log(tl, host, smtp, f"connect to {p.mx.host}[{p.mx.ip}]:25: Connection timed out",
                                 pid=spid, tag=p.tag)
                        c_setup += 30.0
                        tl += 30.0
                if first.stage in ("sent", "eod", "data", "rcpt", "conv-timeout") and first.mx and rng.random() < 0.55:
                    trust = "Trusted" if first.mx.host.endswith((".com", ".net", ".de", ".fr")) else "Untrusted"
                    self.log(tl + 0.05, host, smtp, f"{trust} TLS connection established to {first.mx.host}"
                             f"[{first.addr}]:25: {TLS13_EC if 'google' in first.mx.host else TLS13}", pid=spid)
                d = 0.0
                for r, o in zip(rs, outs):
                    d += {"conv-timeout": 300.0}.get(o.stage, rng.uniform(0.05, 1.2) if o.stage != "rcpt" else rng.uniform(0.03, 0.3))
                    if o.stage in ("dns", "dns-perm", "nullmx", "connect"):
                        d = 0.0
                    relay, text = self.status_text(o, dom)
                    dsn = self.dsn(o)
                    status = {"sent": "sent", "defer": "deferred", "bounce": "bounced"}[o.kind]
                    total = a + b + c_setup + d
                    tline = tt + c_setup + d
                    self.log(tline, host, smtp,
                             f"{q}: to=<{r}>, relay={relay}, delay={pf_num(total)}, delays={pf_num(a)}/"
                             f"{pf_num(b)}/{pf_num(c_setup)}/{pf_num(d)}, dsn={dsn}, status={status} ({text})",
                             pid=spid, tag=o.tag)
                    round_end = max(round_end, tline)
                    if o.kind == "defer":
                        new_pending.append(r)
                        if o.stage in ("greeting", "connect", "lost-greeting"):
                            self.dead.setdefault((inst, dom), []).append(
                                (tline, tline + rng.uniform(240, 900), text, dsn))
                    elif o.kind == "bounce":
                        bounced.append(r)
            if bounced and sender:
                self.ndr(host, inst, round_end + rng.uniform(0.01, 0.2), q, sender, "non-delivery")
                round_end += 0.25
            if not new_pending:
                self.log(round_end + rng.uniform(0.001, 0.05), host, f"{inst}/qmgr", f"{q}: removed")
                return
            if inst == "postfix" and not warned and round_end - t_arr > 4 * 3600 and sender:
                warned = True
                self.ndr(host, inst, round_end + 0.1, q, sender, "delay")
            nxt = round_end + backoff + rng.uniform(0, 300)
            backoff = min(backoff * 2, 4000)
            if nxt > T_END:
                return
            if nxt - t_arr > lifetime:
                self.log(nxt, host, f"{inst}/qmgr", f"{q}: from=<{sender}>, status=expired, returned to sender",
                         tag="P18-expired")
                if sender:
                    self.ndr(host, inst, nxt + rng.uniform(0.01, 0.1), q, sender, "non-delivery")
                self.log(nxt + 0.3, host, f"{inst}/qmgr", f"{q}: removed")
                return
            t = nxt
            pending = new_pending
            attempt += 1

    def ndr(self, host, inst, t, orig, sender, what):
        """The bounce daemon writes a notification to the sender; it is delivered like any mail."""
        rng = self.rng
        nq = self.qid(inst, t)
        mid = f"{wall(t).strftime('%Y%m%d%H%M%S')}.{nq}@{host}.example.com"
        self.log(t, host, f"{inst}/cleanup", f"{nq}: message-id=<{mid}>")
        self.log(t + 0.002, host, f"{inst}/bounce", f"{orig}: sender {what} notification: {nq}",
                 tag="P19-ndr" if what == "non-delivery" else None)
        size = rng.randint(3200, 9800)
        t2 = t + rng.uniform(0.005, 0.03)
        self.log(t2, host, f"{inst}/qmgr", f"{nq}: from=<>, size={size}, nrcpt=1 (queue active)")
        dom = sender.rsplit("@", 1)[1]
        if host == "out1" and sender in BULK_SENDERS:
            # transport_maps on out1 hands bounces for the bulk senders to the bounce processor
            t3 = t2 + rng.uniform(0.05, 0.6)
            d = t3 - t
            self.log(t3, host, f"{inst}/pipe", f"{nq}: to=<{sender}>, relay=bounceproc, delay={pf_num(d)}, "
                     f"delays=0.01/0/0/{pf_num(d - 0.01)}, dsn=2.0.0, status=sent (delivered via bounceproc service)")
            self.log(t3 + 0.01, host, f"{inst}/qmgr", f"{nq}: removed")
        elif host == "out1" and dom == "example.com":
            mq = self.qid("postfix", t2)
            tq = self.mx1_receive(t2 + rng.uniform(0.03, 0.1), "out1.example.com", OUR_IP, "out1.example.com",
                                  "", [sender], size + 600, mid, q=mq, internal=True)
            t3 = tq + rng.uniform(0.005, 0.02)
            d = t3 - t
            self.log(t3, host, f"{inst}/smtp",
                     f"{nq}: to=<{sender}>, relay=mx1.example.com[{MX1_IP}]:25, delay={pf_num(d)}, "
                     f"delays=0.01/0/{pf_num(d * 0.3)}/{pf_num(d * 0.6)}, dsn=2.0.0, status=sent "
                     f"(250 2.0.0 Ok: queued as {mq})")
            self.log(t3 + 0.01, host, f"{inst}/qmgr", f"{nq}: removed")
        else:
            mx, ip = SENDER_MX.get(dom, ("mx." + dom, "192.0.2.66"))
            t3 = t2 + rng.uniform(0.3, 1.5)
            d = t3 - t
            self.log(t3, host, f"{inst}/smtp",
                     f"{nq}: to=<{sender}>, relay={mx}[{ip}]:25, delay={pf_num(d)}, delays=0.01/0.01/"
                     f"{pf_num(d * 0.6)}/{pf_num(d * 0.3)}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as "
                     f"{rstr(rng, HEX, 10)})")
            self.log(t3 + 0.01, host, f"{inst}/qmgr", f"{nq}: removed")

    def submit(self, t, inst, client, sender, rcpts, size, mid, kind, sasl=None, smtpd_pid=None):
        """One message through smtpd -> cleanup -> qmgr on out1; returns the time the session may continue."""
        rng = self.rng
        host = "out1"
        smtpd = "postfix/submission/smtpd" if sasl else f"{inst}/smtpd"
        q = self.qid(inst, t)
        extra = f", sasl_method=PLAIN, sasl_username={sasl}" if sasl else ""
        self.log(t, host, smtpd, f"{q}: client={client}{extra}", pid=smtpd_pid)
        t1 = t + rng.uniform(0.05, 0.4) + size / 4e6
        self.log(t1, host, f"{inst}/cleanup", f"{q}: message-id=<{mid}>")
        t2 = t1 + rng.uniform(0.002, 0.02)
        self.log(t2, host, f"{inst}/qmgr", f"{q}: from=<{sender}>, size={size}, nrcpt={len(rcpts)} (queue active)")
        self.deliver(host, inst, q, t, t2, sender, rcpts, size, kind)
        return t2 + rng.uniform(0.01, 0.05)

    def session(self, t, inst, client, msgs, sasl=None):
        """An SMTP session of an internal client handing over one or more messages."""
        rng = self.rng
        smtpd = "postfix/submission/smtpd" if sasl else f"{inst}/smtpd"
        pid = self.pid("out1", smtpd, t)
        self.log(t, "out1", smtpd, f"connect from {client}", pid=pid)
        t += rng.uniform(0.01, 0.1)
        if sasl:
            self.log(t, "out1", smtpd, f"Anonymous TLS connection established from {client}: {TLS13}", pid=pid)
        nr = 0
        for sender, rcpts, size, mid, kind in msgs:
            t = self.submit(t + rng.uniform(0.02, 0.2), inst, client, sender, rcpts, size, mid, kind,
                            sasl=sasl, smtpd_pid=pid)
            nr += len(rcpts)
        n = len(msgs)
        if sasl:
            counts = f"ehlo=2 starttls=1 auth=1 mail={n} rcpt={nr} data={n} quit=1 commands={5 + 2 * n + nr}"
        else:
            counts = f"ehlo=1 mail={n} rcpt={nr} data={n} quit=1 commands={2 + 2 * n + nr}"
        self.log(t + rng.uniform(0.01, 0.05), "out1", smtpd, f"disconnect from {client} {counts}", pid=pid)

    # ---- inbound on mx1 -----------------------------------------------------------
    def local_delivery(self, t, q, t_arr, r, sender):
        rng = self.rng
        local, dom = r.rsplit("@", 1)
        a = t - t_arr
        if dom == "example.com" and local in ("noreply", "invoices", "bounce-news", "alerts"):
            d = rng.uniform(0.05, 0.3)
            self.log(t + d, "mx1", "postfix/pipe", f"{q}: to=<{r}>, relay=bounceproc, delay={pf_num(a + d)}, "
                     f"delays={pf_num(a)}/0/0/{pf_num(d)}, dsn=2.0.0, status=sent (delivered via bounceproc service)")
            return t + d
        if dom == "example.com":
            d = rng.uniform(0.02, 0.2)
            self.log(t + d, "mx1", "postfix/lmtp",
                     f"{q}: to=<{r}>, relay=mx1.example.com[private/dovecot-lmtp], delay={pf_num(a + d)}, "
                     f"delays={pf_num(a)}/{pf_num(rng.uniform(0, 0.02))}/0.01/{pf_num(d)}, dsn=2.0.0, "
                     f"status=sent (250 2.0.0 <{r}> {rstr(rng, B62, 22)} Saved)")
            return t + d
        if dom == "support.example.com":
            d = rng.uniform(0.005, 0.05)
            self.log(t + d, "mx1", "postfix/virtual", f"{q}: to=<{r}>, relay=virtual, delay={pf_num(a + d)}, "
                     f"delays={pf_num(a)}/0/0/{pf_num(d)}, dsn=2.0.0, status=sent (delivered to maildir)")
            return t + d
        if dom == "lists.example.com":
            d = rng.uniform(0.2, 0.9)
            if local == "announce-old":
                self.log(t + d, "mx1", "postfix/pipe", f"{q}: to=<{r}>, relay=mailman, delay={pf_num(a + d)}, "
                         f"delays={pf_num(a)}/0.01/0/{pf_num(d)}, dsn=5.3.0, status=bounced (Command died with "
                         f"status 1: \"/usr/lib/mailman/mail/mailman\". Command output: Illegal list name: "
                         f"announce-old@lists.example.com )", tag="P10-pipe-command-died")
                return t + d, "bounced"
            self.log(t + d, "mx1", "postfix/pipe", f"{q}: to=<{r}>, relay=mailman, delay={pf_num(a + d)}, "
                     f"delays={pf_num(a)}/0.01/0/{pf_num(d)}, dsn=2.0.0, status=sent (delivered via mailman service)")
            return t + d
        if dom == "mx1.example.com":
            d = rng.uniform(0.005, 0.04)
            if local == "bob":
                self.log(t + d, "mx1", "postfix/local", f"{q}: to=<{r}>, relay=local, delay={pf_num(a + d)}, "
                         f"delays={pf_num(a)}/0.01/0/{pf_num(d)}, dsn=5.1.1, status=bounced (unknown user: \"bob\")",
                         tag="P09-local-unknown-user")
                return t + d, "bounced"
            self.log(t + d, "mx1", "postfix/local", f"{q}: to=<{r}>, relay=local, delay={pf_num(a + d)}, "
                     f"delays={pf_num(a)}/0/0/{pf_num(d)}, dsn=2.0.0, status=sent (delivered to mailbox)")
            return t + d
        raise ValueError(r)

    def mx1_receive(self, t, chost, cip, helo, sender, rcpts, size, mid, q=None, internal=False,
                    port=None, pass_kind="PASS OLD"):
        rng = self.rng
        port = port or rng.randint(32768, 60999)
        ps = "postfix/postscreen"
        if internal:
            self.log(t - 0.02, "mx1", ps, f"CONNECT from [{cip}]:{port} to [{MX1_IP}]:25")
            self.log(t - 0.019, "mx1", ps, f"ALLOWLISTED [{cip}]:{port}")
        else:
            self.log(t - 0.3, "mx1", ps, f"CONNECT from [{cip}]:{port} to [{MX1_IP}]:25")
            self.log(t - 0.01, "mx1", ps, f"{pass_kind} [{cip}]:{port}")
        pid = self.pid("mx1", "postfix/smtpd", t)
        self.log(t, "mx1", "postfix/smtpd", f"connect from {chost}[{cip}]", pid=pid)
        self.log(t + 0.08, "mx1", "postfix/smtpd", f"Anonymous TLS connection established from {chost}[{cip}]: "
                 f"{TLS13 if rng.random() < 0.8 else TLS12}", pid=pid)
        q = q or self.qid("postfix", t)
        t1 = t + rng.uniform(0.15, 0.6)
        self.log(t1, "mx1", "postfix/smtpd", f"{q}: client={chost}[{cip}]", pid=pid)
        t2 = t1 + rng.uniform(0.05, 0.5) + size / 5e6
        self.log(t2, "mx1", "postfix/cleanup", f"{q}: message-id=<{mid}>")
        t3 = t2 + rng.uniform(0.002, 0.02)
        self.log(t3, "mx1", "postfix/qmgr", f"{q}: from=<{sender}>, size={size}, nrcpt={len(rcpts)} (queue active)")
        self.log(t2 + rng.uniform(0.01, 0.08), "mx1", "postfix/smtpd",
                 f"disconnect from {chost}[{cip}] ehlo=2 starttls=1 mail=1 rcpt={len(rcpts)} data=1 quit=1 "
                 f"commands={6 + len(rcpts)}", pid=pid)
        tend = t3
        bounced = False
        for r in rcpts:
            res = self.local_delivery(tend + rng.uniform(0.002, 0.02), q, t1, r, sender)
            if isinstance(res, tuple):
                tend, bounced = res[0], True
            else:
                tend = res
        if bounced and sender:
            self.ndr("mx1", "postfix", tend + 0.05, q, sender, "non-delivery")
            tend += 1.5
        self.log(tend + rng.uniform(0.001, 0.01), "mx1", "postfix/qmgr", f"{q}: removed")
        return t3

    def inbound_reject(self, t, kind, chost, cip, helo, sender, rcpt):
        rng = self.rng
        port = rng.randint(32768, 60999)
        ps = "postfix/postscreen"
        if kind == "postscreen-dnsbl":
            self.log(t, "mx1", ps, f"CONNECT from [{cip}]:{port} to [{MX1_IP}]:25")
            self.log(t + 0.01, "mx1", "postfix/dnsblog", f"addr {cip} listed by domain zen.spamhaus.org as 127.0.0.{rng.choice([2, 3, 4, 4, 9])}")
            self.log(t + 6.01, "mx1", ps, f"DNSBL rank {rng.choice([3, 5, 5, 6])} for [{cip}]:{port}")
            self.log(t + 6.9, "mx1", ps, f"NOQUEUE: reject: RCPT from [{cip}]:{port}: 550 5.7.1 Service unavailable; "
                     f"client [{cip}] blocked using zen.spamhaus.org; from=<{sender}>, to=<{rcpt}>, proto=ESMTP, "
                     f"helo=<{helo}>", tag="P16-postscreen-reject")
            self.log(t + 7.2, "mx1", ps, f"DISCONNECT [{cip}]:{port}")
            return
        if kind == "postscreen-pregreet":
            self.log(t, "mx1", ps, f"CONNECT from [{cip}]:{port} to [{MX1_IP}]:25")
            self.log(t + 0.08, "mx1", ps, f"PREGREET 11 after 0.{rng.randint(10, 99)} from [{cip}]:{port}: EHLO {helo}\\r\\n")
            self.log(t + 0.1, "mx1", ps, f"DISCONNECT [{cip}]:{port}")
            return
        self.log(t - 0.3, "mx1", ps, f"CONNECT from [{cip}]:{port} to [{MX1_IP}]:25")
        self.log(t - 0.01, "mx1", ps, f"PASS {'NEW' if rng.random() < 0.3 else 'OLD'} [{cip}]:{port}")
        pid = self.pid("mx1", "postfix/smtpd", t)
        name = chost if kind not in ("nohostname", "rbl") else "unknown"
        self.log(t, "mx1", "postfix/smtpd", f"connect from {name}[{cip}]", pid=pid)
        if kind == "nohostname" and rng.random() < 0.5:
            self.log(t + 0.01, "mx1", "postfix/smtpd", f"warning: hostname {chost} does not resolve to address "
                     f"{cip}: Name or service not known", pid=pid)
        t1 = t + rng.uniform(0.3, 1.5)
        helo_s = f"helo=<{helo}>"
        tail = f"from=<{sender}> to=<{rcpt}> proto=ESMTP {helo_s}"
        tag = None
        if kind == "rbl":
            msg = (f"554 5.7.1 Service unavailable; Client host [{cip}] blocked using zen.spamhaus.org; "
                   f"https://www.spamhaus.org/query/ip/{cip}")
            tag = "P11-inbound-rbl"
        elif kind == "nohostname":
            msg = f"450 4.7.1 Client host rejected: cannot find your hostname, [{cip}]"
            tag = "P12-inbound-no-hostname"
        elif kind == "unknown-user":
            msg = f"550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table"
            tag = "P13-inbound-user-unknown"
        elif kind == "helo-fqdn":
            msg = f"504 5.5.2 <{helo}>: Helo command rejected: need fully-qualified hostname"
            tag = "P14-inbound-helo"
        elif kind == "helo-notfound":
            msg = f"450 4.7.1 <{helo}>: Helo command rejected: Host not found"
            tag = "P14-inbound-helo"
        elif kind == "greylist":
            msg = (f"450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see "
                   f"http://postgrey.schweikert.ch/help/example.com.html")
            tag = "P15-inbound-greylisted"
        elif kind == "relay":
            msg = f"554 5.7.1 <{rcpt}>: Relay access denied"
            tag = "P11b-inbound-relay-denied"
        elif kind == "sender-domain":
            msg = f"450 4.1.8 <{sender}>: Sender address rejected: Domain not found"
            tag = "P11c-inbound-sender-domain"
        elif kind == "milter":
            q = self.qid("postfix", t1)
            self.log(t1, "mx1", "postfix/smtpd", f"{q}: client={chost}[{cip}]", pid=pid)
            self.log(t1 + rng.uniform(0.5, 3), "mx1", "postfix/cleanup",
                     f"{q}: milter-reject: END-OF-MESSAGE from {chost}[{cip}]: 5.7.1 Spam message rejected; "
                     f"{tail}", tag="P17-milter-reject")
            self.log(t1 + 3.1, "mx1", "postfix/smtpd", f"disconnect from {chost}[{cip}] ehlo=2 starttls=1 mail=1 "
                     "rcpt=1 data=0/1 quit=1 commands=6/7", pid=pid)
            return
        else:
            raise ValueError(kind)
        self.log(t1, "mx1", "postfix/smtpd", f"NOQUEUE: reject: RCPT from {name}[{cip}]: {msg}; {tail}",
                 pid=pid, tag=tag)
        if rng.random() < 0.3:
            self.log(t1 + 0.2, "mx1", "postfix/smtpd", f"lost connection after RCPT from {name}[{cip}]", pid=pid)
            self.log(t1 + 0.21, "mx1", "postfix/smtpd", f"disconnect from {name}[{cip}] ehlo=1 mail=1 rcpt=0/1 "
                     "commands=2/3", pid=pid)
        else:
            self.log(t1 + 0.2, "mx1", "postfix/smtpd", f"disconnect from {name}[{cip}] ehlo=1 mail=1 rcpt=0/1 "
                     "quit=1 commands=3/4", pid=pid)


SENDER_MX = {
    "supplier.example": ("mx.supplier.example", "192.0.2.60"),
    "partner.example": ("mail.partner.example", "192.0.2.61"),
    "bank.example": ("mx1.bank.example", "192.0.2.62"),
    "gmail.com": ("gmail-smtp-in.l.google.com", "203.0.113.26"),
    "outlook.com": ("outlook-com.olc.protection.outlook.com", "203.0.113.33"),
}


class Pools:
    """Recipient addresses per domain: customers come back, so block rates mean something."""

    def __init__(self, rng):
        self.rng = rng
        self.by_domain = {}
        for d in DOMAINS:
            n = max(3, int(DOMAINS[d][0] * 6))
            self.by_domain[d] = []
            for _ in range(n):
                a = person(rng)
                if a not in self.by_domain[d]:
                    self.by_domain[d].append(a)

    def pick_domain(self, user=False):
        names = list(DOMAINS)
        weights = [DOMAINS[d][1 if user else 0] for d in names]
        return self.rng.choices(names, weights)[0]

    def pick(self, user=False, fresh=0.15):
        d = self.pick_domain(user)
        if self.rng.random() < fresh:
            a = person(self.rng)
            self.by_domain[d].append(a)
        else:
            a = self.rng.choice(self.by_domain[d])
        return f"{a}@{d}"


def hour_rate(t, base):
    w = wall(t)
    weekend = w.weekday() >= 5 or (w.month == 1 and w.day == 1)
    rate = base * (2.2 if 8 <= w.hour < 19 else 0.6)
    return rate * (0.6 if weekend else 1.0)


def gen_postfix(seed=SEED):
    rng = random.Random(seed + 1)
    sim = PostfixSim(rng)
    pools = Pools(random.Random(seed + 2))
    jobs = []

    def job(t, fn, *args, **kw):
        jobs.append((t, len(jobs), fn, args, kw))

    # -- transactional mail from the application servers (instance postfix-out) ------
    apps = [("app1.example.com", "198.51.100.30"), ("crm.example.com", "198.51.100.31")]
    hour = 0
    while hour < 6 * 24:
        t = hour * 3600.0
        n = int(hour_rate(t, 1.4) + rng.random())
        for _ in range(n):
            tm = t + rng.uniform(0, 3599)
            host, ip = rng.choice(apps)
            sender = rng.choice(["noreply@example.com", "invoices@example.com", "alerts@example.com", "noreply@example.com"])
            rcpt = pools.pick()
            size = rng.randint(3100, 48000)
            mid = f"{uuidish(rng)}@{host}" if host.startswith("app1") else \
                f"{wall(tm).strftime('%Y%m%d%H%M%S')}.{rng.randint(10000, 99999)}@crm.example.com"
            job(tm, sim.session, tm, "postfix-out", f"{host}[{ip}]", [(sender, [rcpt], size, mid, "tx")])
        hour += 1
    # every singled-out address shows up at least twice
    for i, r in enumerate(SPECIAL_RCPTS):
        for k in range(1 if i % 3 else 2):
            tm = rng.uniform(at(29, 7), at(3, 20))
            if r.startswith("j.doe@"):
                tm = rng.uniform(at(1, 8), at(3, 18))
            host, ip = apps[0]
            sender = "noreply@example.com" if k % 2 == 0 else "invoices@example.com"
            job(tm, sim.session, tm, "postfix-out", f"{host}[{ip}]",
                [(sender, [r], rng.randint(3100, 30000), f"{uuidish(rng)}@{host}", "tx")])
    # the SPF mistake: give the affected receivers some traffic in the window
    for d in ["sterling.example", "gmail.com", "gmail.com", "yahoo.com", "gmail.com", "sterling.example",
              "gmail.com", "aol.com", "gmail.com", "sterling.example"]:
        tm = rng.uniform(*SPF_INCIDENT)
        r = f"{rng.choice(pools.by_domain[d])}@{d}"
        job(tm, sim.session, tm, "postfix-out", "app1.example.com[198.51.100.30]",
            [("invoices@example.com", [r], rng.randint(3100, 30000), f"{uuidish(rng)}@app1.example.com", "tx")])

    # targeted traffic so that every receiver's refusal window sees some mail
    for d, a, b, n in [("acme.example", at(31, 6), at(31, 13, 30), 4), ("att.net", at(1, 1), at(3, 20), 6),
                       ("example.net", at(31, 20, 10), at(1, 8, 30), 6), ("example.net", at(30, 16), at(30, 18), 2),
                       ("gmail.com", at(30, 12), at(1, 5), 8), ("icloud.com", at(31, 7), at(3, 20), 4),
                       ("stark.example", at(31, 1), at(1, 19), 4), ("verizon.net", at(30, 1), at(3, 20), 4),
                       ("t-online.de", at(1, 9, 5), at(1, 12, 50), 2), ("comcast.net", at(30, 12), at(31, 11), 3),
                       ("hooli.example", at(29, 8), at(3, 20), 4), ("earthlink.net", at(31, 1), at(2, 11), 3),
                       ("outlook.com", at(30, 12), at(1, 11), 4), ("hotmail.com", at(1, 13), at(3, 20), 4),
                       ("contoso.example", at(31, 9), at(2, 15), 4), ("yahoo.com", at(30, 10), at(31, 20), 4),
                       ("globex.example", at(30, 2), at(3, 20), 3), ("vandelay.example", at(2, 1), at(3, 20), 3),
                       ("massive-dynamic.example", at(29, 8), at(3, 20), 3), ("umbrella.example", at(29, 8), at(3, 20), 3),
                       ("dunder-mifflin.example", at(2, 1), at(2, 17), 3), ("monsters.example", at(29, 8), at(3, 20), 3),
                       ("soylent.example", at(30, 13), at(1, 17), 3), ("oscorp.example", at(30, 1), at(1, 23), 3),
                       ("cyberdyne.example", at(29, 8), at(3, 20), 3), ("gringotts.example", at(29, 8), at(3, 20), 3)]:
        for _ in range(n):
            tm = rng.uniform(a, b)
            r = f"{rng.choice(pools.by_domain[d])}@{d}"
            host, ip = rng.choice(apps)
            job(tm, sim.session, tm, "postfix-out", f"{host}[{ip}]",
                [(rng.choice(["noreply@example.com", "invoices@example.com", "alerts@example.com"]), [r],
                  rng.randint(3100, 30000), f"{uuidish(rng)}@{host}", "tx")])

    # -- newsletters (instance postfix-out, one session per batch) -------------------
    for ci, (ca, cb) in enumerate(CAMPAIGNS):
        n = 104 if ci == 0 else 88
        rcpts = []
        while len(rcpts) < n:
            r = pools.pick(fresh=0.3)
            if r not in rcpts and not r.startswith(tuple(SPECIAL_RCPTS)):
                rcpts.append(r)
        for extra in ["jdoe.bluth@bluth.example", "m.bluth@bluth.example", "all-staff@wingtip.example"]:
            rcpts.append(extra)
        t = ca + rng.uniform(0, 30)
        for b in range(0, len(rcpts), 24):
            batch = []
            for r in rcpts[b:b + 24]:
                batch.append(("bounce-news@example.com", [r], rng.randint(46000, 82000),
                              f"{wall(ca).strftime('%Y%m%d')}.{rng.randint(10 ** 6, 10 ** 7)}.n{ci + 1}@mailer.example.com",
                              "news"))
            job(t, sim.session, t, "postfix-out", "app1.example.com[198.51.100.30]", batch)
            t += rng.uniform(40, 120)

    # -- people (instance postfix, port 587) ----------------------------------------
    hour = 0
    while hour < 6 * 24:
        t = hour * 3600.0
        w = wall(t)
        business = 8 <= w.hour < 19 and w.weekday() < 5 and not (w.month == 1 and w.day == 1)
        n = int((3.2 if business else 0.25) + rng.random())
        for _ in range(n):
            tm = t + rng.uniform(0, 3599)
            u = rng.choice(USERS)
            k = rng.choices([1, 2, 3], [6, 2, 1])[0]
            rcpts = []
            while len(rcpts) < k:
                r = pools.pick(user=True, fresh=0.25)
                if r not in rcpts:
                    rcpts.append(r)
            home = rng.random() < 0.4
            client = f"unknown[203.0.113.{rng.randint(180, 199)}]" if home else \
                f"vpn-gw.example.com[198.51.100.{rng.choice([40, 41])}]"
            size = rng.choice([rng.randint(1800, 12000), rng.randint(12000, 90000), rng.randint(200000, 2600000)])
            mid = f"{uuidish(rng)}@example.com"
            job(tm, sim.session, tm, "postfix", client, [(f"{u}@example.com", rcpts, size, mid, "user")],
                sasl=f"{u}@example.com")
        hour += 1
    for tm, u, rcpts in [(at(30, 11, 4, 12), "alice.martin", ['"john smith"@example.org', "sales@acme.example"]),
                         (at(2, 16, 22, 40), "kenji.sato", ['"john smith"@example.org']),
                         (at(31, 15, 2, 7), "george.chen", ["procurement@sterling.example", "ap@sterling.example"]),
                         (at(30, 14, 40, 55), "dana.kim", ["ceo@initech.example", "peter.gibbons@initech.example"]),
                         (at(31, 9, 12, 30), "ivan.petrov", ["board@fabrikam.example", "j.smith@fabrikam.example",
                                                              "orders@contoso.example"])]:
        job(tm, sim.session, tm, "postfix", "vpn-gw.example.com[198.51.100.40]",
            [(f"{u}@example.com", rcpts, rng.randint(5000, 90000), f"{uuidish(rng)}@example.com", "user")],
            sasl=f"{u}@example.com")

    # -- inbound on mx1 ------------------------------------------------------------
    senders = [("mail-ej1-f47.google.com", "203.0.113.201", "gmail.com"),
               ("mail-wm1-f52.google.com", "203.0.113.202", "gmail.com"),
               ("mail-eopbgr80091.outbound.protection.outlook.com", "203.0.113.210", "outlook.com"),
               ("mx.supplier.example", "192.0.2.60", "supplier.example"),
               ("mail.partner.example", "192.0.2.61", "partner.example"),
               ("smtp-out.bank.example", "192.0.2.62", "bank.example"),
               ("o17.email.saas-vendor.example", "192.0.2.77", "saas-vendor.example")]
    local_rcpts = ([f"{u}@example.com" for u in USERS] + ["sales@example.com", "support@support.example.com",
                   "billing@support.example.com", "announce@lists.example.com", "dev@lists.example.com"])
    hour = 0
    while hour < 6 * 24:
        t = hour * 3600.0
        n = int(hour_rate(t, 0.6) + rng.random())
        for _ in range(n):
            tm = t + rng.uniform(0, 3599)
            h, ip, dom = rng.choice(senders)
            s = f"{person(rng, 'f.l')}@{dom}"
            rc = [rng.choice(local_rcpts)]
            if rng.random() < 0.15:
                rc.append(rng.choice([x for x in local_rcpts if x not in rc]))
            job(tm, sim.mx1_receive, tm, h, ip, h, s, rc, rng.randint(2500, 400000),
                f"{uuidish(rng)}@{dom}", pass_kind="PASS NEW" if rng.random() < 0.1 else "PASS OLD")
        # refusals
        for kind, rate in [("postscreen-dnsbl", 0.45), ("postscreen-pregreet", 0.12), ("rbl", 0.16),
                           ("nohostname", 0.13), ("unknown-user", 0.16), ("helo-fqdn", 0.05),
                           ("helo-notfound", 0.04), ("greylist", 0.16), ("relay", 0.04),
                           ("sender-domain", 0.04), ("milter", 0.08)]:
            if rng.random() < rate:
                tm = t + rng.uniform(0, 3599)
                ip = f"203.0.113.{rng.randint(131, 179)}" if rng.random() < 0.6 else f"192.0.2.{rng.randint(2, 59)}"
                spam_dom = rng.choice(["deals-now.example", "cheap-meds.example", "promo-blast.example",
                                       "winner-notice.example", "crypto-gains.example"])
                chost = rng.choice([f"mail{rng.randint(1, 40)}.{spam_dom}", f"host-{ip.replace('.', '-')}.dyn.example.net",
                                    f"smtp.{spam_dom}"])
                helo = {"helo-fqdn": rng.choice(["localhost", "WIN-7QH2M1PK0L", "User"]),
                        "helo-notfound": f"mx.{rng.choice(['fake', 'nohost', 'bogus'])}-{rng.randint(1, 99)}.example"}.get(kind, chost)
                sender = f"{person(rng, 'fN')}@{spam_dom}"
                if kind == "sender-domain":
                    sender = f"{person(rng)}@{rng.choice(['nonexistent-sender', 'no-such-domain'])}.example"
                rcpt = rng.choice(local_rcpts)
                if kind == "unknown-user":
                    rcpt = rng.choice(["info", "admin", "webmaster", "jobs", "contact", "hr", "marketing"]) + "@example.com"
                if kind == "relay":
                    rcpt = f"{person(rng)}@{rng.choice(['gmail.com', 'yahoo.com', 'example.org'])}"
                if kind in ("greylist",):
                    chost, ip, gdom = rng.choice(senders[3:])
                    helo = chost
                    sender = f"{person(rng, 'f.l')}@{gdom}"
                job(tm, sim.inbound_reject, tm, kind, chost, ip, helo, sender, rcpt)
        hour += 1
    # the exact lines of the brief, and the local failures
    job(at(30, 23, 59, 58), sim.inbound_reject, at(30, 23, 59, 58), "rbl", "x", "198.51.100.23",
        "ylmf-pc", "winner@promo-blast.example", "alice.martin@example.com")
    for tm in [at(29, 10, 14, 3), at(1, 16, 40, 11)]:
        job(tm, sim.mx1_receive, tm, "mx.supplier.example", "192.0.2.60", "mx.supplier.example",
            "orders@supplier.example", ["bob@mx1.example.com"], rng.randint(4000, 9000), f"{uuidish(rng)}@supplier.example")
    for tm in [at(30, 13, 2, 44), at(2, 9, 31, 5)]:
        job(tm, sim.mx1_receive, tm, "mail.partner.example", "192.0.2.61", "mail.partner.example",
            "events@partner.example", ["announce-old@lists.example.com"], rng.randint(4000, 9000),
            f"{uuidish(rng)}@partner.example")

    # -- periodic noise --------------------------------------------------------------
    def cron_mail(t):
        q = sim.qid("postfix", t)
        sim.log(t, "mx1", "postfix/pickup", f"{q}: uid=0 from=<root>")
        sim.log(t + 0.01, "mx1", "postfix/cleanup", f"{q}: message-id=<{wall(t).strftime('%Y%m%d%H%M%S')}.{q}@mx1.example.com>")
        size = rng.randint(900, 6000)
        sim.log(t + 0.02, "mx1", "postfix/qmgr", f"{q}: from=<root@mx1.example.com>, size={size}, nrcpt=1 (queue active)")
        d = rng.uniform(0.005, 0.03)
        sim.log(t + 0.03 + d, "mx1", "postfix/local", f"{q}: to=<root@mx1.example.com>, orig_to=<root>, relay=local, "
                f"delay={pf_num(0.03 + d)}, delays=0.02/0.01/0/{pf_num(d)}, dsn=2.0.0, status=sent (delivered to mailbox)")
        sim.log(t + 0.04 + d, "mx1", "postfix/qmgr", f"{q}: removed")

    for day in [29, 30, 31, 1, 2, 3]:
        job(at(day, 6, 25, 3), cron_mail, at(day, 6, 25, 3))
    for h in range(0, 6 * 24, 4):
        t = h * 3600 + rng.uniform(300, 3000)
        ip = f"203.0.113.{rng.randint(131, 179)}"
        job(t, lambda t, ip: [
            sim.log(t, "mx1", "postfix/anvil", f"statistics: max connection rate {rng.randint(1, 6)}/60s for (smtp:{ip}) at {pf_time(t - 540)}"),
            sim.log(t, "mx1", "postfix/anvil", f"statistics: max connection count {rng.randint(1, 3)} for (smtp:{ip}) at {pf_time(t - 540)}"),
            sim.log(t, "mx1", "postfix/anvil", f"statistics: max cache size {rng.randint(2, 9)} at {pf_time(t - 300)}")], t, ip)
    for h in range(1, 6 * 24, 6):
        t = h * 3600 + rng.uniform(0, 1200)
        inst = rng.choice(["postfix", "postfix-out"])
        hits, miss = rng.randint(0, 80), rng.randint(3, 40)
        job(t, lambda t, inst, hits, miss: [
            sim.log(t, "out1", f"{inst}/scache", f"statistics: start interval {pf_time(t - 600)}"),
            sim.log(t, "out1", f"{inst}/scache", f"statistics: domain lookup hits={hits} miss={miss} success={100 * hits // (hits + miss)}%"),
            sim.log(t, "out1", f"{inst}/scache", f"statistics: address lookup hits=0 miss={miss + 1} success=0%"),
            sim.log(t, "out1", f"{inst}/scache", f"statistics: max simultaneous domains=1 addresses={rng.randint(1, 4)} connection={rng.randint(1, 5)}")],
            t, inst, hits, miss)
    noise = [
        (at(29, 3, 17, 40), "mx1", "postfix/tlsmgr", "warning: request to update table btree:/var/lib/postfix/smtpd_scache in non-postfix directory /var/lib/postfix"),
        (at(29, 3, 17, 40), "mx1", "postfix/tlsmgr", "warning: redirecting the request to postfix-owned data_directory /var/lib/postfix"),
        (at(30, 2, 4, 11), "mx1", "postfix/smtpd", "warning: non-SMTP command from unknown[203.0.113.177]: GET / HTTP/1.1"),
        (at(30, 5, 51, 2), "mx1", "postfix/smtpd", "warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:ssl/statem/statem_srvr.c:1657:"),
        (at(31, 2, 0, 1), "mx1", "postfix/master", f"reload -- version {PF_VERSION}, configuration /etc/postfix"),
        (at(31, 3, 33, 9), "out1", "postfix/smtp", "warning: TLS library problem: error:0A000086:SSL routines::certificate verify failed:ssl/statem/statem_clnt.c:1889:"),
        (at(31, 21, 47, 30), "mx1", "postfix/smtpd", "improper command pipelining after CONNECT from unknown[192.0.2.44]: EHLO client\\r\\nMAIL FROM:<a@b.example>\\r\\n"),
        (at(1, 3, 12, 0), "out1", "postfix-out/postfix-script", "stopping the Postfix mail system"),
        (at(1, 3, 12, 0.2), "out1", "postfix-out/master", "terminating on signal 15"),
        (at(1, 3, 12, 3), "out1", "postfix-out/postfix-script", "starting the Postfix mail system"),
        (at(1, 3, 12, 3.1), "out1", "postfix-out/master", f"daemon started -- version {PF_VERSION}, configuration /etc/postfix-out"),
        (at(1, 7, 2, 55), "out1", "postfix/qmgr", "warning: please avoid flushing the whole queue when you have"),
        (at(1, 7, 2, 55), "out1", "postfix/qmgr", "warning: lots of deferred mail, that is bad for performance"),
        (at(2, 4, 40, 10), "mx1", "postfix/smtpd", "warning: Connection rate limit exceeded: 31 from unknown[203.0.113.166] for service smtp"),
        (at(2, 13, 5, 44), "mx1", "postfix/smtpd", "lost connection after STARTTLS from unknown[192.0.2.51]"),
        (at(3, 1, 12, 9), "mx1", "postfix/smtpd", "timeout after END-OF-MESSAGE from mail7.promo-blast.example[203.0.113.140]"),
    ]
    sim.restarts.append((at(1, 3, 12, 3.1), ("out1", "postfix-out", "master"), 40912))
    sim.restarts.append((at(1, 3, 12, 3.2), ("out1", "postfix-out", "qmgr"), 40918))
    sim.restarts.append((at(1, 3, 12, 3.2), ("out1", "postfix-out", "tlsmgr"), 40919))
    for t, host, prog, msg in noise:
        job(t, sim.log, t, host, prog, msg)
    # brute force against the submission port
    t = at(30, 3, 2, 10)
    for i in range(6):
        ip = "203.0.113.231"
        pid = sim.pid("out1", "postfix/submission/smtpd", t)
        job(t, lambda t, ip, pid: [
            sim.log(t, "out1", "postfix/submission/smtpd", f"connect from unknown[{ip}]", pid=pid),
            sim.log(t + 2.1, "out1", "postfix/submission/smtpd", f"warning: unknown[{ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6", pid=pid),
            sim.log(t + 2.3, "out1", "postfix/submission/smtpd", f"lost connection after AUTH from unknown[{ip}]", pid=pid),
            sim.log(t + 2.3, "out1", "postfix/submission/smtpd", f"disconnect from unknown[{ip}] ehlo=1 auth=0/1 commands=1/2", pid=pid)],
            t, ip, pid)
        t += rng.uniform(8, 40)

    for t, _, fn, args, kw in sorted(jobs, key=lambda j: (j[0], j[1])):
        fn(*args, **kw)
    return sim.w.render()


# ======================================================================================
# Exim: sample-logs/exim/mainlog and sample-logs/exim/mainlog-syslog
# ======================================================================================

EXIM_CMD = {"rcpt": "RCPT TO:<{r}>", "mail": "MAIL FROM:<{s}> SIZE={z}", "data": "DATA", "eod": "end of data"}
EXIM_DEFER_ERR = {"rcpt": "-44", "mail": "-45", "data": "-46", "eod": "-46", "greeting": "0"}
EXIM_TLS = ["TLS1.3:TLS_AES_256_GCM_SHA384:256", "TLS1.3:TLS_AES_128_GCM_SHA256:128",
            "TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256"]


class EximSim:
    """Exim 4.96 until the upgrade to 4.98 on Dec 31 03:02, hence both message-id forms."""

    def __init__(self, rng, host, start, end, upgrade=None, version_old="4.96", version_new="4.98.2"):
        self.rng, self.host, self.start, self.end = rng, host, start, end
        self.upgrade = upgrade
        self.items = []
        self.seq = 0
        self.host_retry = {}
        self.queue = []        # deferred messages: dicts
        self.versions = (version_old, version_new)
        self.ids = set()

    def log(self, t, text, pid=None, tag=None):
        self.items.append((t, self.seq, text, pid or self.rng.randint(3000, 65000), tag))
        self.seq += 1

    def new_id(self, t, pid=None):
        while True:
            pid = pid or self.rng.randint(3000, 65000)
            sec = int(epoch(t))
            usec = self.rng.randint(0, 999999)
            if self.upgrade is not None and t < self.upgrade:
                i = f"{enc(sec, B62, 62, 6)}-{enc(pid, B62, 62, 6)}-{enc(usec // 500, B62, 62, 2)}"
            else:
                i = f"{enc(sec, B62, 62, 6)}-{enc(pid, B62, 62, 11)}-{enc(usec, B62, 62, 4)}"
            if i not in self.ids:
                self.ids.add(i)
                return i, pid
            pid = None

    def render_plain(self):
        out, tags = [], []
        for t, _, text, pid, tag in sorted(self.items, key=lambda i: (i[0], i[1])):
            if not (self.start <= t <= self.end):
                continue
            stamp = wall(t).strftime("%Y-%m-%d %H:%M:%S")
            for k, part in enumerate(f"{stamp} {text}".split("\n")):
                out.append(part)
                tags.append(tag if k == 0 else None)
        return out, tags

    def render_syslog(self):
        out, tags = [], []
        for t, _, text, pid, tag in sorted(self.items, key=lambda i: (i[0], i[1])):
            if not (self.start <= t <= self.end):
                continue
            stamp = wall(t).strftime("%Y-%m-%d %H:%M:%S")
            msg = f"{stamp} {text}"
            # exim's write_syslog(): split at newlines and every 870 characters, number the parts
            parts = []
            for k, seg in enumerate(msg.split("\n")):
                while len(seg) > 870:
                    parts.append((seg[:870], "/"))
                    seg = seg[870:]
                parts.append((seg, "\\"))
            if len(parts) > 1:
                parts[-1] = (parts[-1][0], "/")
            for n, (seg, mark) in enumerate(parts, 1):
                prefix = f"[{n}{mark}{len(parts)}] " if len(parts) > 1 else ""
                out.append(f"{pf_time(t)} {self.host} exim[{pid}]: {prefix}{seg}")
                tags.append(tag if n == 1 else None)
        return out, tags

    # ---- outbound -----------------------------------------------------------------
    def tls(self):
        return self.rng.choice(EXIM_TLS)

    def result_line(self, mid, r, o, sender, size, first_in_conn, conn=None):
        mx = o.mx
        hst = f"H={mx.host} [{o.addr}]" if mx else ""
        if o.kind == "sent":
            arrow = "=>" if first_in_conn else "->"
            # one connection, one TLS session, one answer to DATA for every recipient in it
            conn = conn if conn is not None else {}
            tls = conn.setdefault("tls", self.tls())
            reply = conn.setdefault("reply", o.lines[0])
            return f"{mid} {arrow} {r} R=dnslookup T=remote_smtp {hst} X={tls} CV=yes C=\"{reply}\""
        joined = "\\n".join(o.lines) if o.lines else ""
        if o.stage in EXIM_CMD:
            after = "after " + EXIM_CMD[o.stage].format(r=r, s=sender, z=size)
            text = f"SMTP error from remote mail server {after}: {joined}"
        elif o.stage == "greeting":
            text = f"SMTP error from remote mail server after initial connection: {joined}"
        else:
            text = None
        if o.kind == "bounce":
            if o.stage == "nullmx":
                return f"{mid} ** {r} R=dnslookup: an MX or SRV record indicated no SMTP service"
            if o.stage == "dns-perm":
                return f"{mid} ** {r} : Unrouteable address"
            return f"{mid} ** {r} R=dnslookup T=remote_smtp {hst} : {text}"
        # deferrals
        if o.stage == "connect":
            return f"{mid} == {r} R=dnslookup T=remote_smtp defer (110): Connection timed out"
        if o.stage == "lost-greeting":
            return (f"{mid} == {r} R=dnslookup T=remote_smtp defer (-18) {hst}: Remote host closed connection "
                    "in response to initial connection")
        if o.stage == "conv-timeout":
            return (f"{mid} == {r} R=dnslookup T=remote_smtp defer (110): Connection timed out {hst}: "
                    f"SMTP timeout after end of data ({size} bytes written)")
        if o.stage == "dns":
            return f"{mid} == {r} R=dnslookup defer (-1): host lookup did not complete"
        return f"{mid} == {r} R=dnslookup T=remote_smtp defer ({EXIM_DEFER_ERR[o.stage]}) {hst}: {text}"

    def attempt(self, m, t, queue_run=False):
        rng = self.rng
        groups = {}
        for r in m["pending"]:
            groups.setdefault(r.rsplit("@", 1)[1].lower(), []).append(r)
        pending, bounced = [], []
        pid = rng.randint(3000, 65000)
        for dom, rs in groups.items():
            t += rng.uniform(0.2, 1.5)
            hr = self.host_retry.get(dom)
            if hr and hr[0] <= t < hr[1]:
                if queue_run:      # queue runners skip hosts in retry state without a word
                    pending.extend(rs)
                    continue
                for r in rs:
                    self.log(t, f"{m['id']} == {r} R=dnslookup T=remote_smtp defer (-54): retry time not reached "
                             f"for any host for '{dom}'", pid=pid, tag="E-retry-time-not-reached")
                    pending.append(r)
                continue
            first = True
            sess = None
            conn = {}
            for r in rs:
                o = sess or outcome_for(rng, t, r, m["sender"], m["attempts"], m["kind"])
                if o.session:
                    sess = o
                if o.stage == "greeting" and first:
                    joined = "\\n".join(o.lines)
                    self.log(t, f"{m['id']} H={o.mx.host} [{o.addr}]: SMTP error from remote mail server after "
                             f"initial connection: {joined}", pid=pid)
                line = self.result_line(m["id"], r, o, m["sender"], m["size"], first, conn)
                t += rng.uniform(0.05, 0.6) if o.stage != "conv-timeout" else 300
                self.log(t, line, pid=pid, tag=o.tag)
                if o.kind == "sent":
                    first = False
                elif o.kind == "defer":
                    pending.append(r)
                    if o.stage in ("greeting", "connect", "lost-greeting"):
                        self.host_retry[dom] = (t, t + rng.uniform(900, 3600))
                else:
                    bounced.append(r)
        m["attempts"] += 1
        # give up on what stayed too long (retry rule: F,2h,15m; G,16h,1h,1.5; F,1d,6h)
        if pending and t - m["t"] > 86400:
            for r in pending:
                t += 0.01
                self.log(t, f"{m['id']} ** {r}: retry timeout exceeded", pid=pid, tag="E-retry-timeout")
                bounced.append(r)
            pending = []
        if bounced and m["sender"]:
            t = self.bounce(m, t + rng.uniform(0.05, 0.3))
        m["pending"] = pending
        if not pending:
            self.log(t + rng.uniform(0.01, 0.1), f"{m['id']} Completed", pid=pid)
            return None
        return t

    def bounce(self, m, t):
        rng = self.rng
        bid, pid = self.new_id(t)
        self.log(t, f"{bid} <= <> R={m['id']} U=Debian-exim P=local S={rng.randint(2400, 9000)}", pid=pid)
        s = m["sender"]
        t += rng.uniform(0.05, 0.4)
        if s in BULK_SENDERS:
            self.log(t, f"{bid} => |/usr/local/bin/bounceproc <{s}> R=bounce_pipe T=address_pipe", pid=pid)
        elif s.endswith("@example.com"):
            self.log(t, f"{bid} => {s.split('@')[0]} <{s}> R=local_user T=dovecot_lmtp H=localhost C=\"250 2.0.0 "
                     f"<{s}> {rstr(rng, B62, 22)} Saved\"", pid=pid)
        else:
            mx, ip = SENDER_MX.get(s.rsplit("@", 1)[1], ("mx." + s.rsplit("@", 1)[1], "192.0.2.66"))
            self.log(t, f"{bid} => {s} R=dnslookup T=remote_smtp H={mx} [{ip}] X={self.tls()} CV=no "
                     f"C=\"250 2.0.0 Ok: queued as {rstr(rng, HEX, 10)}\"", pid=pid)
        self.log(t + 0.01, f"{bid} Completed", pid=pid)
        return t + 0.02

    def submit(self, t, sender, rcpts, size, msgid, kind, client, auth=None):
        rng = self.rng
        mid, pid = self.new_id(t)
        port = rng.randint(32768, 60999)
        iport = 587 if auth else 25
        a = f" A=dovecot_plain:{auth}" if auth else ""
        self.log(t, f"{mid} <= {sender} H={client}:{port} I=[{OUR_IP}]:{iport} P=esmtps{'a' if auth else ''} "
                 f"X={self.tls()} CV=no{a} S={size} id={msgid}", pid=pid)
        m = {"id": mid, "sender": sender, "pending": list(rcpts), "size": size, "kind": kind, "t": t, "attempts": 0}
        tt = self.attempt(m, t + rng.uniform(0.1, 0.8))
        if tt is not None:
            self.queue.append(m)

    def queue_runs(self, first, every):
        t = first
        while t < self.end:
            pid = self.rng.randint(3000, 65000)
            self.log(t, f"Start queue run: pid={pid}", pid=pid)
            tt = t + 0.05
            for m in list(self.queue):
                if not m["pending"] or m["t"] > t:
                    continue
                age = t - m["t"]
                # F,2h,15m; G,16h,1h,1.5; F,1d,6h -- approximated on the hourly queue runner
                due = age < 7200 or (age < 57600 and m["attempts"] % 2 == 0) or (age >= 57600 and m["attempts"] % 5 == 0)
                if not due:
                    m["attempts"] += 1
                    continue
                r = self.attempt(m, tt, queue_run=True)
                tt = (r if r is not None else tt) + 0.5
                if r is None:
                    self.queue.remove(m)
            self.log(tt + self.rng.uniform(0.1, 2), f"End queue run: pid={pid}", pid=pid)
            t += every

    # ---- inbound ------------------------------------------------------------------
    def receive(self, t, chost, cip, helo, sender, rcpts, size, msgid):
        rng = self.rng
        mid, pid = self.new_id(t)
        hpart = f"H={chost} [{cip}]" if helo == chost else f"H={chost} ({helo}) [{cip}]"
        self.log(t, f"{mid} <= {sender} {hpart}:{rng.randint(32768, 60999)} I=[{OUR_IP}]:25 P=esmtps "
                 f"X={self.tls()} CV=no S={size} id={msgid}", pid=pid)
        t += rng.uniform(0.1, 0.6)
        first = True
        for r in rcpts:
            local = r.split("@")[0]
            self.log(t, f"{mid} {'=>' if first else '->'} {local} <{r}> R=local_user T=dovecot_lmtp H=localhost "
                     f"C=\"250 2.0.0 <{r}> {rstr(rng, B62, 22)} Saved\"", pid=pid)
            first = False
            t += rng.uniform(0.01, 0.1)
        self.log(t, f"{mid} Completed", pid=pid)

    def reject(self, t, kind, chost, cip, helo, sender, rcpt):
        rng = self.rng
        port = rng.randint(32768, 60999)
        h = f"H=({helo}) [{cip}]:{port}" if chost is None else f"H={chost} ({helo}) [{cip}]:{port}"
        pre = f"{h} I=[{OUR_IP}]:25 F=<{sender}>"
        if kind == "rbl":
            self.log(t, f"{pre} rejected RCPT <{rcpt}>: rejected because {cip} is in a black list at "
                     f"zen.spamhaus.org\\nhttps://www.spamhaus.org/query/ip/{cip}", tag="E-inbound-rbl")
        elif kind == "unknown":
            self.log(t, f"{pre} rejected RCPT <{rcpt}>: Unknown user", tag="E-inbound-unknown-user")
        elif kind == "relay":
            self.log(t, f"{pre} rejected RCPT <{rcpt}>: relay not permitted", tag="E-inbound-relay")
        elif kind == "greylist":
            self.log(t, f"{pre} temporarily rejected RCPT <{rcpt}>: greylisted, please try again in 5 minutes",
                     tag="E-inbound-greylisted")
        elif kind == "sender-verify":
            self.log(t, f"{h} I=[{OUR_IP}]:25 sender verify fail for <{sender}>: Unrouteable address")
            self.log(t + 0.01, f"{pre} rejected RCPT <{rcpt}>: Sender verify failed", tag="E-inbound-sender-verify")
        elif kind == "nohost":
            self.log(t - 0.5, f"no host name found for IP address {cip}")
            self.log(t, f"{pre} rejected RCPT <{rcpt}>: Reverse DNS lookup failed for {cip} (failed)",
                     tag="E-inbound-no-ptr")
        elif kind == "virus":
            mid, pid = self.new_id(t)
            self.log(t, f"{mid} {pre} P=esmtps X={self.tls()} CV=no rejected after DATA: This message contains "
                     "malware (Win.Trojan.Agent-1234567)", pid=pid, tag="E-inbound-after-data")
        elif kind == "spam":
            mid, pid = self.new_id(t)
            score = rng.uniform(10.5, 24)
            self.log(t, f"{mid} {pre} P=esmtps X={self.tls()} CV=no rejected after DATA: Your message was "
                     f"rejected by the content scanner:\n  spam score {score:.1f} exceeds the reject threshold of 10.0\n"
                     "  (see https://www.example.com/postmaster for details)", pid=pid, tag="E-inbound-after-data")
        else:
            raise ValueError(kind)


def gen_exim_traffic(sim, rng, pools, a, b, scale=1.0, campaign=None, seed_windows=True):
    jobs = []
    hour = int(a // 3600)
    while hour * 3600 < b:
        t = hour * 3600.0
        n = int(hour_rate(t, 0.9 * scale) + rng.random())
        for _ in range(n):
            tm = t + rng.uniform(0, 3599)
            if not a <= tm < b:
                continue
            if rng.random() < 0.55:
                rc = [pools.pick()]
                s = rng.choice(["noreply@example.com", "invoices@example.com", "alerts@example.com"])
                jobs.append((tm, sim.submit, (tm, s, rc, rng.randint(3000, 40000), f"{uuidish(rng)}@app1.example.com",
                                              "tx", "app1.example.com [198.51.100.30]")))
            else:
                u = rng.choice(USERS)
                k = rng.choices([1, 2, 3], [6, 2, 1])[0]
                rc = []
                while len(rc) < k:
                    r = pools.pick(user=True, fresh=0.25)
                    if r not in rc:
                        rc.append(r)
                jobs.append((tm, sim.submit, (tm, f"{u}@example.com", rc, rng.randint(2000, 900000),
                                              f"{uuidish(rng)}@example.com", "user",
                                              f"(ws-{rng.randint(10, 60)}.corp.example.com) [198.51.100.{rng.randint(100, 140)}]",
                                              f"{u}@example.com")))
        # inbound
        for _ in range(int(hour_rate(t, 0.6 * scale) + rng.random())):
            tm = t + rng.uniform(0, 3599)
            if a <= tm < b:
                dom = rng.choice(["gmail.com", "outlook.com", "supplier.example", "partner.example"])
                ch = {"gmail.com": "mail-ed1-f41.google.com", "outlook.com": "mail-am6eur05on2091.outbound.protection.outlook.com",
                      "supplier.example": "mx.supplier.example", "partner.example": "mail.partner.example"}[dom]
                ip = {"gmail.com": "203.0.113.203", "outlook.com": "203.0.113.211", "supplier.example": "192.0.2.60",
                      "partner.example": "192.0.2.61"}[dom]
                rc = [f"{rng.choice(USERS)}@example.com"]
                jobs.append((tm, sim.receive, (tm, ch, ip, ch, f"{person(rng, 'f.l')}@{dom}", rc,
                                               rng.randint(3000, 300000), f"{uuidish(rng)}@{dom}")))
        for kind, rate in [("rbl", 0.25 * scale), ("unknown", 0.12 * scale), ("relay", 0.05 * scale),
                           ("greylist", 0.12 * scale), ("sender-verify", 0.06 * scale), ("nohost", 0.06 * scale),
                           ("virus", 0.02 * scale), ("spam", 0.05 * scale)]:
            if rng.random() < rate:
                tm = t + rng.uniform(0, 3599)
                if not a <= tm < b:
                    continue
                ip = f"203.0.113.{rng.randint(131, 179)}"
                spam_dom = rng.choice(["deals-now.example", "promo-blast.example", "winner-notice.example"])
                chost = None if kind in ("rbl", "nohost") or rng.random() < 0.4 else f"mail{rng.randint(1, 30)}.{spam_dom}"
                helo = chost or rng.choice(["User", "localhost", f"[{ip}]", f"mail.{spam_dom}"])
                sender = f"{person(rng, 'fN')}@{spam_dom}"
                rcpt = f"{rng.choice(USERS)}@example.com"
                if kind == "unknown":
                    rcpt = rng.choice(["info", "jobs", "admin", "webmaster"]) + "@example.com"
                if kind == "relay":
                    rcpt = f"{person(rng)}@{rng.choice(['gmail.com', 'yahoo.com'])}"
                if kind == "greylist":
                    sender = f"{person(rng, 'f.l')}@partner.example"
                    chost, helo = "mail.partner.example", "mail.partner.example"
                if kind == "sender-verify":
                    sender = f"{person(rng)}@no-such-domain.example"
                jobs.append((tm, sim.reject, (tm, kind, chost, ip, helo, sender, rcpt)))
        hour += 1
    if seed_windows:
        for d, wa, wb, n in [("outlook.com", at(30, 12), at(31, 23), 3), ("hotmail.com", at(1, 13), at(2, 20), 2),
                             ("contoso.example", at(31, 9), at(2, 15), 3), ("yahoo.com", at(30, 10), at(31, 20), 3),
                             ("cox.net", at(30, 8), at(31, 6), 2), ("wayne.example", at(30, 8), at(30, 20), 2),
                             ("gmail.com", at(30, 12), at(31, 12), 3), ("gmail.com", at(31, 14, 10), at(31, 18, 30), 3),
                             ("globex.example", at(30, 8), at(2, 20), 2), ("verizon.net", at(30, 8), at(2, 20), 2),
                             ("northwind.example", at(30, 8), at(2, 20), 2), ("icloud.com", at(31, 8), at(2, 20), 2),
                             ("hooli.example", at(30, 8), at(2, 20), 2), ("stark.example", at(31, 2), at(1, 18), 2),
                             ("earthlink.net", at(31, 2), at(2, 10), 2), ("att.net", at(1, 2), at(2, 20), 3),
                             ("massive-dynamic.example", at(30, 8), at(2, 20), 2), ("dunder-mifflin.example", at(30, 8), at(2, 20), 3),
                             ("acme.example", at(31, 7), at(31, 13), 1), ("oscorp.example", at(30, 8), at(1, 20), 2),
                             ("cyberdyne.example", at(30, 8), at(2, 20), 2), ("prestige.example", at(30, 8), at(2, 20), 1),
                             ("sterling.example", at(31, 14, 10), at(31, 18, 30), 2), ("example.net", at(31, 20, 5), at(1, 1, 50), 2),
                             ("gmial.example", at(30, 8), at(2, 20), 1), ("noreply.example.net", at(30, 8), at(2, 20), 1),
                             ("stratton.example", at(30, 8), at(30, 20), 1), ("gringotts.example", at(30, 8), at(2, 20), 2)]:
            for _ in range(n):
                tm = rng.uniform(wa, wb)
                if not a <= tm < b:
                    continue
                r = f"{rng.choice(pools.by_domain[d])}@{d}"
                jobs.append((tm, sim.submit, (tm, rng.choice(["noreply@example.com", "invoices@example.com"]), [r],
                                              rng.randint(3000, 40000), f"{uuidish(rng)}@app1.example.com", "tx",
                                              "app1.example.com [198.51.100.30]")))
        for tm, r in [(at(31, 10, 12), "all-staff@wingtip.example"), (at(1, 11, 40), "board@fabrikam.example"),
                      (at(2, 9, 15), "j.doe@fabrikam.example"), (at(30, 15, 3), "ceo@initech.example"),
                      (at(31, 16, 20), "richard.hendricks@piedpiper.example"), (at(1, 14, 5), "weekly-digest@lists.example.org"),
                      (at(30, 11, 30), "tom.hollis1987@gmail.com"), (at(2, 13, 44), "betty.anderson62@gmail.com"),
                      (at(31, 11, 2), "old.accounts@example.org"), (at(30, 17, 9), '"john smith"@example.org')]:
            if a <= tm < b:
                u = rng.choice(USERS)
                rc = [r]
                if r.endswith("@fabrikam.example"):
                    rc.append("procurement@fabrikam.example")
                jobs.append((tm, sim.submit, (tm, f"{u}@example.com", rc, rng.randint(4000, 60000),
                                              f"{uuidish(rng)}@example.com", "user",
                                              f"(ws-{rng.randint(10, 60)}.corp.example.com) [198.51.100.{rng.randint(100, 140)}]",
                                              f"{u}@example.com")))
        # several people at one receiver: one connection, "=>" then "->"
        for tm, d, n in [(at(30, 10, 22, 5), "gmail.com", 3), (at(31, 15, 40, 12), "contoso.example", 2),
                         (at(1, 10, 5, 44), "acme.example", 2), (at(2, 11, 30, 9), "hotmail.com", 2),
                         (at(30, 16, 12, 0), "wingtip.example", 3), (at(2, 15, 2, 31), "gmx.de", 2)]:
            if a <= tm < b:
                u = rng.choice(USERS)
                rc = []
                while len(rc) < n:
                    x = f"{rng.choice(pools.by_domain[d])}@{d}"
                    if x not in rc:
                        rc.append(x)
                jobs.append((tm, sim.submit, (tm, f"{u}@example.com", rc, rng.randint(4000, 60000),
                                              f"{uuidish(rng)}@example.com", "user",
                                              f"(ws-{rng.randint(10, 60)}.corp.example.com) [198.51.100.{rng.randint(100, 140)}]",
                                              f"{u}@example.com")))
    if campaign:
        ca, n = campaign
        for i in range(n):
            tm = ca + i * rng.uniform(1, 4)
            r = pools.pick(fresh=0.3)
            jobs.append((tm, sim.submit, (tm, "bounce-news@example.com", [r], rng.randint(46000, 82000),
                                          f"{wall(ca).strftime('%Y%m%d')}.{rng.randint(10 ** 6, 10 ** 7)}.n3@mailer.example.com",
                                          "news", "app1.example.com [198.51.100.30]")))
    return jobs


def run_exim(sim, jobs, qfirst, qevery):
    # queue runs are interleaved with arrivals in time order
    qt = qfirst
    for tm, fn, args in sorted(jobs, key=lambda j: j[0]):
        while qt <= tm:
            sim.queue_runs(qt, 10 ** 9)
            qt += qevery
        fn(*args)
    while qt < sim.end:
        sim.queue_runs(qt, 10 ** 9)
        qt += qevery


def gen_exim(seed=SEED):
    rng = random.Random(seed + 10)
    pools = Pools(random.Random(seed + 2))
    a, b = at(30, 0, 0), at(2, 23, 59, 59)
    sim = EximSim(rng, "mail", a, b, upgrade=at(31, 3, 2, 17))
    jobs = gen_exim_traffic(sim, rng, pools, a, b, scale=0.6, campaign=(at(2, 10, 0), 30))
    up = at(31, 3, 2, 17)
    jobs.append((up - 4, sim.log, (up - 4, "exim 4.96 daemon: terminating on signal 15 (SIGTERM)")))
    jobs.append((up, sim.log, (up, f"exim 4.98.2 daemon started: pid=1187, -q1h, listening for SMTP on [{OUR_IP}]:25 "
                                   f"[{OUR_IP}]:587 [{OUR_IP6}]:25 [{OUR_IP6}]:587")))
    for tm, text in [
        (at(30, 0, 3, 12), "Warning: purging the environment.\n Suggested action: use keep_environment."),
        (at(30, 6, 40, 2), "TLS error on connection from (User) [203.0.113.171]:50122 I=[198.51.100.7]:25 (SSL_accept): "
                           "error:0A000126:SSL routines::unexpected eof while reading"),
        (at(30, 22, 14, 51), "dovecot_login authenticator failed for (User) [203.0.113.177]:61022 I=[198.51.100.7]:587: "
                             "535 Incorrect authentication data (set_id=admin@example.com)"),
        (at(31, 5, 11, 8), "SMTP call from [203.0.113.149]:49822 I=[198.51.100.7]:25 dropped: too many nonmail commands "
                           "(last was \"RSET\")"),
        (at(1, 2, 27, 40), "SMTP protocol synchronization error (input sent without waiting for greeting): rejected "
                           "connection from H=[203.0.113.150]:41177 I=[198.51.100.7]:25 input=\"EHLO User\\r\\n\""),
        (at(2, 4, 0, 1), "Warning: purging the environment.\n Suggested action: use keep_environment."),
    ]:
        jobs.append((tm, sim.log, (tm, text)))
    run_exim(sim, jobs, at(30, 0, 17, 0), 3600)
    return sim.render_plain()


def gen_exim_syslog(seed=SEED):
    rng = random.Random(seed + 20)
    pools = Pools(random.Random(seed + 3))
    a, b = at(31, 9, 0), at(31, 14, 0)
    sim = EximSim(rng, "mx2", a, b, upgrade=None)
    jobs = gen_exim_traffic(sim, rng, pools, a, b, scale=1.0, seed_windows=False)
    for d, n in [("yahoo.com", 2), ("contoso.example", 1), ("acme.example", 1), ("outlook.com", 2), ("cox.net", 1),
                 ("gmail.com", 2), ("globex.example", 1)]:
        for _ in range(n):
            tm = rng.uniform(a, b - 600)
            r = f"{rng.choice(pools.by_domain[d])}@{d}"
            jobs.append((tm, sim.submit, (tm, "noreply@example.com", [r], rng.randint(3000, 40000),
                                          f"{uuidish(rng)}@app1.example.com", "tx", "app1.example.com [198.51.100.30]")))
    tm = at(31, 11, 42, 9)
    long_report = ("Your message scored 23.4 SpamAssassin points and was refused. Tests: " + ", ".join(
        f"{k}={v}" for k, v in [("BAYES_99", 3.5), ("BAYES_999", 0.2), ("DKIM_ADSP_NXDOMAIN", 0.9), ("FREEMAIL_FORGED_REPLYTO", 2.1),
                                ("HTML_IMAGE_ONLY_24", 1.3), ("HTML_MESSAGE", 0.001), ("MIME_HTML_ONLY", 0.1), ("RCVD_IN_SBL_CSS", 3.3),
                                ("RCVD_IN_ZEN_BLOCKED", 0.001), ("RDNS_NONE", 1.3), ("SPF_FAIL", 0.9), ("URIBL_ABUSE_SURBL", 1.9),
                                ("URIBL_BLACK", 1.7), ("URIBL_DBL_SPAM", 2.5), ("URIBL_SBL", 1.6), ("URIBL_SBL_A", 0.1),
                                ("T_REMOTE_IMAGE", 0.01), ("MISSING_MID", 0.1), ("DATE_IN_FUTURE_06_12", 1.9),
                                ("FROM_EXCESS_BASE64", 0.1), ("SUBJ_ALL_CAPS", 0.5)]) +
        ". Contact postmaster@example.com with the reference 7f3c9a1e if you believe this is an error. "
        "Our acceptable use policy is at https://www.example.com/postmaster/aup and the reject reasons are "
        "documented at https://www.example.com/postmaster/reject-reasons")
    t2 = at(31, 10, 5, 31)
    jobs.append((t2, sim.reject, (t2, "spam", None, "203.0.113.144", "User", "promo@deals-now.example",
                                  "julia.rossi@example.com")))
    mid, pid = sim.new_id(tm)
    jobs.append((tm, sim.log, (tm, f"{mid} H=mail7.promo-blast.example (mail7.promo-blast.example) [203.0.113.158]:"
                                   f"51544 I=[{OUR_IP}]:25 F=<gains@promo-blast.example> P=esmtp rejected after DATA: "
                                   f"{long_report}", pid, "E-inbound-after-data")))
    run_exim(sim, jobs, at(31, 9, 17, 0), 3600)
    return sim.render_syslog()


# ======================================================================================
# Exchange message tracking logs
# ======================================================================================

EX15_FIELDS = ("date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,"
               "source,event-id,internal-message-id,message-id,network-message-id,recipient-address,"
               "recipient-status,total-bytes,recipient-count,related-recipient-address,reference,"
               "message-subject,sender-address,return-path,message-info,directionality,tenant-id,"
               "original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,"
               "schema-version").split(",")
EX14_FIELDS = EX15_FIELDS[:11] + EX15_FIELDS[12:27]

SUBJECTS = ["Invoice INV-2026-{n}", "Re: Q1 planning", "Happy New Year!", "Re: contract renewal, draft 2",
            "FW: shipping schedule", "Your order #{n} has shipped", "Meeting notes 31/12",
            "Quote \"final\" version, please review", "Password expiry notice", "Re: Re: year-end inventory",
            "Statement of account - December", "Delivery delay, order {n}", "Welcome to the partner portal",
            "Re: holiday coverage"]


def ex_time(t):
    w = wall(t)
    return w.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int((t % 1) * 1000):03d}Z"


def ex_guid(rng):
    return uuidish(rng)


def ex_flat(o):
    return " ".join(o.lines) if o.lines else ""


def ex_status(o, domain):
    """recipient-status of an external delivery attempt, as Exchange 2013+ writes it."""
    ip = o.addr
    if o.kind == "sent":
        return ex_flat(o)
    if o.stage == "connect":
        return ("441 4.4.1 Error encountered while communicating with primary target IP address: \"Failed to "
                "connect. Winsock error code: 10060, Win32 error code: 10060.\" Attempted failover to alternate "
                "host, but that did not succeed. Either there are no alternate hosts, or delivery failed to all "
                f"alternate hosts. The last endpoint attempted was {ip}:25")
    if o.stage == "lost-greeting":
        return ("451 4.4.0 Primary target IP address responded with: \"421 4.4.2 Connection dropped due to "
                "SocketError.\" Attempted failover to alternate host, but that did not succeed. Either there are "
                f"no alternate hosts, or delivery failed to all alternate hosts. The last endpoint attempted was {ip}:25")
    if o.stage == "conv-timeout":
        return ("451 4.4.0 Primary target IP address responded with: \"421 4.4.2 Connection dropped due to "
                "TimedOut.\" Attempted failover to alternate host, but that did not succeed. Either there are no "
                f"alternate hosts, or delivery failed to all alternate hosts. The last endpoint attempted was {ip}:25")
    if o.stage == "dns":
        return "451 4.4.0 DNS query failed. The error was: DNS query failed with error: ErrorRetry"
    if o.stage == "dns-perm":
        return "550 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain"
    if o.stage == "nullmx":
        return f"550 5.4.4 SMTPSEND.DNS.NullMxRecord; domain {domain} does not accept email"
    if o.kind == "defer":
        return (f"451 4.4.0 Primary target IP address responded with: \"{ex_flat(o)}\" Attempted failover to "
                "alternate host, but that did not succeed. Either there are no alternate hosts, or delivery failed "
                f"to all alternate hosts. The last endpoint attempted was {ip}:25")
    return ex_flat(o)


class ExchangeSim:
    def __init__(self, rng, version, server="EXCH01", server_ip="198.51.100.12"):
        self.rng, self.version = rng, version
        self.server = f"{server}.corp.example.com"
        self.server_ip = server_ip
        self.rows = []
        self.seq = 0
        self.imid = rng.randint(10 ** 12, 10 ** 13)
        self.mdb = ex_guid(rng)

    def row(self, t, tag=None, **kw):
        d = {f: "" for f in EX15_FIELDS}
        d["date-time"] = ex_time(t)
        for k, v in kw.items():
            d[k.replace("_", "-")] = v
        d["schema-version"] = self.version
        if not d["log-id"]:
            d["log-id"] = ex_guid(self.rng)
        self.rows.append((t, self.seq, d, tag))
        self.seq += 1

    def common(self, m):
        return dict(internal_message_id=str(m["imid"]), message_id=m["mid"], network_message_id=m["nmid"],
                    total_bytes=str(m["size"]), message_subject=m["subject"], sender_address=m["sender"],
                    return_path=m["sender"], transport_traffic_type="Email", tenant_id="")

    def new_msg(self, sender, rcpts, subject, size):
        self.imid += self.rng.randint(1, 40)
        return {"imid": self.imid, "mid": f"<{rstr(self.rng, HEX, 8)}{rstr(self.rng, HEX, 24)}@{self.server}>",
                "nmid": ex_guid(self.rng), "sender": sender, "rcpts": rcpts, "subject": subject, "size": size}

    def outbound(self, t, sender, rcpts, subject, size, attempt_times=None):
        rng = self.rng
        m = self.new_msg(sender, rcpts, subject, size)
        c = self.common(m)
        rl = ";".join(rcpts)
        mbx = ex_guid(rng)
        self.row(t, source="STOREDRIVER", event_id="SUBMIT", client_hostname=self.server, server_hostname=self.server,
                 source_context=f"MDB:{self.mdb}, Mailbox:{mbx}, Event:{rng.randint(10 ** 7, 10 ** 8)}, "
                                f"MessageClass:IPM.Note, CreationTime:{ex_time(t - rng.uniform(1, 20))}, "
                                f"ClientType:{rng.choice(['MOMT', 'OWA', 'AirSync'])}, SubmissionAssistant:MailboxTransportSubmissionEmailAssistant",
                 recipient_address=rl, recipient_count=str(len(rcpts)), directionality="Originating",
                 custom_data="S:DeliveryPriority=Normal;S:AccountForest=corp.example.com", **c)
        t += rng.uniform(0.1, 0.6)
        self.row(t, source="STOREDRIVER", event_id="RECEIVE", client_ip="::1", client_hostname=self.server,
                 server_ip="::1", server_hostname=self.server, source_context=f"08DD{rstr(rng, HEX, 12)};{ex_time(t - 0.2)};0",
                 recipient_address=rl, recipient_count=str(len(rcpts)), message_info="04I:", directionality="Originating",
                 custom_data="S:DeliveryPriority=Normal;S:AccountForest=corp.example.com", **c)
        t += rng.uniform(0.05, 0.3)
        self.row(t, source="AGENT", event_id="AGENTINFO", server_hostname=self.server, source_context="Transport Rule Agent",
                 recipient_address=rl, recipient_count=str(len(rcpts)), directionality="Originating",
                 custom_data="S:CompCost=|ETR=0;S:DeliveryPriority=Normal;S:AccountForest=corp.example.com", **c)
        t, pending = self.deliver(t, m, c, rcpts, 0)
        attempt = 1
        while pending:
            t += rng.uniform(900, 3600) * attempt
            if t >= at(1, 0, 0):
                break
            t, pending = self.deliver(t, m, c, pending, attempt)
            attempt += 1
        return m

    def deliver(self, t, m, c, rcpts, attempt, first_seen=None):
        rng = self.rng
        groups = {}
        for r in rcpts:
            groups.setdefault(r.rsplit("@", 1)[1].lower(), []).append(r)
        failed, deferred = [], []
        for dom, rs in groups.items():
            t += rng.uniform(0.3, 2.0)
            outs = [outcome_for(rng, t, r, m["sender"], attempt, "user") for r in rs]
            ok = [(r, o) for r, o in zip(rs, outs) if o.kind == "sent"]
            bad = [(r, o) for r, o in zip(rs, outs) if o.kind == "bounce"]
            tmp = [(r, o) for r, o in zip(rs, outs) if o.kind == "defer"]
            o0 = outs[0]
            host, ip = (o0.mx.host, o0.addr) if o0.mx else ("", "")
            if ok:
                self.row(t, source="SMTP", event_id="SENDEXTERNAL", client_ip=self.server_ip, client_hostname=self.server,
                         server_ip=ok[0][1].addr, server_hostname=ok[0][1].mx.host, source_context=f"{ex_guid(rng)};{ex_time(t - 0.5)};{rng.randint(0, 3)}",
                         connector_id="Outbound to Internet", recipient_address=";".join(r for r, _ in ok),
                         recipient_status=";".join(ex_status(o, dom) for _, o in ok), recipient_count=str(len(ok)),
                         message_info=f"{ex_time(t - rng.uniform(1, 3))};SRV={self.server}:TOTAL-SUB=0.{rng.randint(100, 999)}|SMSC=0.{rng.randint(10, 99)}",
                         directionality="Originating", original_client_ip=self.server_ip,
                         custom_data=f"S:E2ELatency={rng.uniform(0.5, 4):.3f};S:ExternalSendLatency={rng.uniform(0.1, 1.5):.3f};"
                                     f"S:ToEntity=Internet;S:FromEntity=Hosted;S:MsgRecipCount={len(ok)};"
                                     "S:SendConnectorName=Outbound to Internet;S:IncludeInSla=True", **c)
            if tmp:
                self.row(t, source="SMTP", event_id="DEFER", client_ip=self.server_ip, client_hostname=self.server,
                         server_ip=tmp[0][1].addr or "", server_hostname=tmp[0][1].mx.host if tmp[0][1].mx else "",
                         connector_id="Outbound to Internet", recipient_address=";".join(r for r, _ in tmp),
                         recipient_status=";".join(ex_status(o, dom) for _, o in tmp), recipient_count=str(len(tmp)),
                         directionality="Originating",
                         custom_data="S:DeferReason=TransientFailure;S:DeliveryPriority=Normal;S:AccountForest=corp.example.com",
                         tag=tmp[0][1].tag, **c)
                deferred += [r for r, _ in tmp]
            if bad:
                fo = bad[0][1]
                self.row(t + 0.01, source="SMTP", event_id="FAIL", client_ip=self.server_ip, client_hostname=self.server,
                         server_ip=fo.addr or "", server_hostname=fo.mx.host if fo.mx else "",
                         connector_id="Outbound to Internet", recipient_address=";".join(r for r, _ in bad),
                         recipient_status=";".join(ex_status(o, dom) for _, o in bad),
                         recipient_count=str(len(bad)), directionality="Originating",
                         custom_data="S:DeliveryPriority=Normal;S:AccountForest=corp.example.com", tag=fo.tag, **c)
                failed += bad
        if failed:
            self.dsn(t + rng.uniform(0.2, 0.6), m, [r for r, _ in failed])
        return t, deferred

    def dsn(self, t, m, failed):
        rng = self.rng
        n = self.new_msg(f"MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com", [m["sender"]],
                         f"Undeliverable: {m['subject']}", rng.randint(9000, 40000) + m["size"] // 10)
        c = self.common(n)
        c["return_path"] = ""
        self.row(t, source="DSN", event_id="DSN", server_hostname=self.server, recipient_address=m["sender"],
                 recipient_count="1", related_recipient_address=";".join(failed), reference=m["mid"],
                 directionality="Originating", custom_data="S:DeliveryPriority=Normal;S:AccountForest=corp.example.com", **c)
        self.row(t + rng.uniform(0.2, 1.0), source="STOREDRIVER", event_id="DELIVER", server_ip=self.server_ip,
                 server_hostname=self.server, source_context=f"{{\"ClientVersion\":\"15.2.1118.7\",\"Mdb\":\"{self.mdb}\"}}",
                 recipient_address=m["sender"], recipient_status="250 2.1.5 RESOLVER.MSGTYPE.AF; recipient submitted",
                 recipient_count="1", reference=m["mid"], message_info=ex_time(t), directionality="Originating",
                 custom_data="S:Mailboxes=" + ex_guid(rng) + ";S:StoreObjectIds=Sd7kBAAAA;S:DeliveryPriority=Normal", **c)

    def inbound(self, t, chost, cip, sender, rcpts, subject, size, fail=None, drop=False, via_send=False):
        rng = self.rng
        m = self.new_msg(sender, rcpts, subject, size)
        m["mid"] = f"<{uuidish(rng)}@{sender.rsplit('@', 1)[1]}>"
        c = self.common(m)
        rl = ";".join(rcpts)
        self.row(t, source="SMTP", event_id="RECEIVE", client_ip=cip, client_hostname=chost, server_ip=self.server_ip,
                 server_hostname=self.server, source_context=f"{ex_guid(rng)};{ex_time(t)};0",
                 connector_id=f"{self.server.split('.')[0]}\\Default Frontend {self.server.split('.')[0]}",
                 recipient_address=rl, recipient_count=str(len(rcpts)), message_info="", directionality="Incoming",
                 original_client_ip=cip, original_server_ip=self.server_ip,
                 custom_data="S:ProxyHop1=EXCH01.corp.example.com(198.51.100.12);S:DeliveryPriority=Normal", **c)
        t += rng.uniform(0.05, 0.3)
        self.row(t, source="AGENT", event_id="AGENTINFO", server_hostname=self.server, source_context="Content Filter Agent",
                 recipient_address=rl, recipient_count=str(len(rcpts)), directionality="Incoming",
                 custom_data=f"S:CFA=SUM|v=0|action=|scl={rng.randint(-1, 4)}|scl_threshold=7;S:DeliveryPriority=Normal", **c)
        if drop:
            self.row(t + 0.1, source="AGENT", event_id="DROP", server_hostname=self.server, source_context="Malware Agent",
                     recipient_address=rl, recipient_status=";".join("550 5.7.1 Malware detected; message dropped" for _ in rcpts),
                     recipient_count=str(len(rcpts)), directionality="Incoming", tag="EX-drop-malware", **c)
            return
        t += rng.uniform(0.05, 0.2)
        self.row(t, source="SMTP", event_id="HAREDIRECT", server_ip="198.51.100.13", server_hostname="EXCH02.corp.example.com",
                 source_context="ShadowRedundancy", recipient_address=rl, recipient_count=str(len(rcpts)),
                 directionality="Incoming", **c)
        ok = [r for r in rcpts if not fail or r not in fail]
        if fail:
            fr = [r for r in rcpts if r in fail]
            self.row(t + 0.05, source="ROUTING", event_id="FAIL", server_hostname=self.server, recipient_address=";".join(fr),
                     recipient_status=";".join(fail[r] for r in fr), recipient_count=str(len(fr)), directionality="Incoming",
                     tag="EX-inbound-resolver", **c)
        for r in ok:
            t += rng.uniform(0.1, 0.5)
            if via_send:
                self.row(t, source="SMTP", event_id="SEND", client_ip=self.server_ip, client_hostname=self.server,
                         server_ip="198.51.100.13", server_hostname="EXCH02.corp.example.com",
                         source_context=f"{ex_guid(rng)};{ex_time(t)};1", connector_id="Intra-Organization SMTP Send Connector",
                         recipient_address=r, recipient_status="250 2.1.5 Recipient OK", recipient_count="1",
                         directionality="Incoming", **c)
            else:
                self.row(t, source="STOREDRIVER", event_id="DELIVER", server_ip=self.server_ip, server_hostname=self.server,
                         source_context=f"{{\"ClientVersion\":\"15.2.1118.7\",\"Mdb\":\"{self.mdb}\"}}", recipient_address=r,
                         recipient_status="250 2.1.5 Recipient OK", recipient_count="1", message_info=ex_time(t - 1),
                         directionality="Incoming", custom_data="S:DeliveryPriority=Normal;S:AccountForest=corp.example.com", **c)

    def render(self, fields, header_version, day):
        buf = io.StringIO()
        buf.write("\ufeff#Software: Microsoft Exchange Server\r\n")
        buf.write(f"#Version: {header_version}\r\n")
        buf.write("#Log-type: Message Tracking Log\r\n")
        rows = sorted(self.rows, key=lambda r: (r[0], r[1]))
        buf.write(f"#Date: {ex_time(rows[0][0])}\r\n")
        buf.write("#Fields: " + ",".join(fields) + "\r\n")
        w = csv.writer(buf, lineterminator="\r\n")
        tags = [None] * 5
        for t, _, d, tag in rows:
            w.writerow([d[f] for f in fields])
            tags.append(tag)
        return buf.getvalue(), tags


def gen_exchange(seed=SEED):
    rng = random.Random(seed + 30)
    pools = Pools(random.Random(seed + 4))
    sim = ExchangeSim(rng, "15.02.1118.007")
    day0 = at(31, 0, 0)
    users = [f"{u}@example.com" for u in USERS]
    jobs = []
    # the ordinary outbound day
    t = day0 + 200
    while t < day0 + 86000:
        w = wall(t)
        step = rng.uniform(1000, 2000) if 8 <= w.hour < 19 else rng.uniform(4000, 8000)
        k = rng.choices([1, 2, 3], [6, 2, 1])[0]
        rc = []
        while len(rc) < k:
            r = pools.pick(user=True, fresh=0.2)
            if r not in rc:
                rc.append(r)
        subj = rng.choice(SUBJECTS).format(n=rng.randint(1000, 9999))
        jobs.append((t, sim.outbound, (t, rng.choice(users), rc, subj, rng.randint(4000, 900000))))
        t += step
    # the big receivers' refusals, on purpose
    for tm, rc in [(at(31, 9, 40, 2), ["mike.jones@outlook.com", "tina.lee@gmail.com"]),
                   (at(31, 10, 2, 11), ["r.davis@contoso.example", "procure@contoso.example", "s.ng@globex.example"]),
                   (at(31, 10, 30, 0), ["board@fabrikam.example", "j.smith@fabrikam.example"]),
                   (at(31, 11, 15, 45), ["sales@northwind.example"]),
                   (at(31, 12, 5, 9), ["lee.kim@yahoo.com", "ann.wu@aol.com"]),
                   (at(31, 14, 22, 40), ["ops@sterling.example", "maria.garcia@gmail.com"]),
                   (at(31, 15, 1, 12), ["tom.hollis1987@gmail.com"]),
                   (at(31, 15, 44, 3), ["ceo@initech.example", "richard.hendricks@piedpiper.example"]),
                   (at(31, 16, 10, 30), ["jdoe@cox.net"]),
                   (at(31, 16, 40, 0), ["b.wayne@wayne.example"]),
                   (at(31, 17, 2, 51), ["kate.holm@verizon.net", "k.lopez@icloud.com"]),
                   (at(31, 17, 30, 0), ["editor@stark.example", "purchasing@acme.example"]),
                   (at(31, 21, 10, 33), ["dev@example.net", "info@noreply.example.net", "anna.schmidt@gmial.example"])]:
        jobs.append((tm, sim.outbound, (tm, rng.choice(users), rc, rng.choice(SUBJECTS).format(n=rng.randint(1000, 9999)),
                                        rng.randint(6000, 300000))))
    # messages from yesterday that are still queued: one goes out, one expires
    def stale(tm, rcpt, expire):
        m = sim.new_msg(rng.choice(users), [rcpt], "Re: year-end inventory", rng.randint(20000, 90000))
        c = sim.common(m)
        if expire:
            sim.row(tm, source="SMTP", event_id="FAIL", client_ip=sim.server_ip, client_hostname=sim.server,
                    connector_id="Outbound to Internet", recipient_address=rcpt,
                    recipient_status="550 4.4.7 QUEUE.Expired; message expired", recipient_count="1",
                    directionality="Originating", custom_data="S:DeliveryPriority=Normal;S:AccountForest=corp.example.com",
                    tag="EX-queue-expired", **c)
            sim.dsn(tm + 0.4, m, [rcpt])
        else:
            sim.deliver(tm, m, c, [rcpt], 5)
    jobs.append((at(31, 4, 12, 7), stale, (at(31, 4, 12, 7), "orders@wayne.example", True)))
    jobs.append((at(31, 6, 3, 40), stale, (at(31, 6, 3, 40), "susan.lopez1190@cox.net", True)))
    jobs.append((at(31, 7, 45, 1), stale, (at(31, 7, 45, 1), "purchasing@oscorp.example", False)))
    # inbound
    senders = [("mail-ej1-f47.google.com", "203.0.113.201", "gmail.com"),
               ("mail-eopbgr80091.outbound.protection.outlook.com", "203.0.113.210", "outlook.com"),
               ("mx.supplier.example", "192.0.2.60", "supplier.example"),
               ("mail.partner.example", "192.0.2.61", "partner.example")]
    t = day0 + 500
    while t < day0 + 86000:
        h, ip, dom = rng.choice(senders)
        rc = [rng.choice(users)]
        if rng.random() < 0.2:
            rc.append(rng.choice([u for u in users if u not in rc]))
        jobs.append((t, sim.inbound, (t, h, ip, f"{person(rng, 'f.l')}@{dom}", rc,
                                      rng.choice(SUBJECTS).format(n=rng.randint(1000, 9999)), rng.randint(3000, 500000)),
                     {"via_send": rng.random() < 0.25}))
        t += rng.uniform(3000, 7000)
    for tm, rc, fail in [
        (at(31, 9, 12, 44), ["all-staff@example.com", "old.sales@example.com"],
         {"all-staff@example.com": "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required",
          "old.sales@example.com": "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"}),
        (at(31, 13, 40, 2), ["jobs@example.com"], {"jobs@example.com": "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"}),
        (at(31, 18, 2, 30), ["dana.kim@example.com", "management@example.com"],
         {"management@example.com": "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required"})]:
        jobs.append((tm, sim.inbound, (tm, "mail.partner.example", "192.0.2.61", "events@partner.example", rc,
                                       "Invitation: New Year reception", rng.randint(30000, 90000)), {"fail": fail}))
    jobs.append((at(31, 11, 48, 3), sim.inbound, (at(31, 11, 48, 3), "unknown", "203.0.113.166", "invoice@deals-now.example",
                                                  ["billing@example.com"], "Overdue invoice, action required", 64231),
                 {"drop": True}))
    for j in sorted(jobs, key=lambda j: j[0]):
        tm, fn, args = j[0], j[1], j[2]
        fn(*args, **(j[3] if len(j) > 3 else {}))
    text, tags = sim.render(EX15_FIELDS, "15.02.1118.007", 31)
    return text, tags


def gen_exchange2010(seed=SEED):
    rng = random.Random(seed + 40)
    pools = Pools(random.Random(seed + 5))
    sim = ExchangeSim(rng, "", server="HUB01", server_ip="198.51.100.14")
    users = [f"{u}@example.com" for u in USERS]
    jobs = []
    t = at(30, 7, 10)
    for i in range(5):
        rc = [pools.pick(user=True)]
        jobs.append((t, sim.outbound, (t, rng.choice(users), rc, rng.choice(SUBJECTS).format(n=rng.randint(1000, 9999)),
                                       rng.randint(4000, 300000))))
        t += rng.uniform(1200, 4000)
    for tm, rc in [(at(30, 10, 14, 2), ["kim.ross@hotmail.com"]), (at(30, 11, 3, 50), ["p.ng@globex.example"]),
                   (at(30, 12, 40, 7), ["amy.chen@yahoo.com", "sales@massive-dynamic.example"]),
                   (at(30, 14, 5, 31), ["ceo@initech.example"]), (at(30, 15, 22, 0), ["harold@bluth.example"])]:
        jobs.append((tm, sim.outbound, (tm, rng.choice(users), rc, rng.choice(SUBJECTS).format(n=rng.randint(1000, 9999)),
                                        rng.randint(6000, 90000))))
    t = at(30, 8, 0)
    for i in range(3):
        jobs.append((t, sim.inbound, (t, "mx.supplier.example", "192.0.2.60", f"{person(rng, 'f.l')}@supplier.example",
                                      [rng.choice(users)], rng.choice(SUBJECTS).format(n=rng.randint(1000, 9999)),
                                      rng.randint(3000, 200000))))
        t += rng.uniform(3000, 6000)
    jobs.append((at(30, 16, 2, 2), sim.inbound, (at(30, 16, 2, 2), "mail.partner.example", "192.0.2.61",
                                                 "events@partner.example", ["all-staff@example.com"], "Invitation",
                                                 41200), {"fail": {"all-staff@example.com":
                                                                   "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required"}}))
    for j in sorted(jobs, key=lambda j: j[0]):
        j[1](*j[2], **(j[3] if len(j) > 3 else {}))
    # Exchange 2010 has no SENDEXTERNAL, HAREDIRECT or AGENTINFO: SEND over the Internet send connector
    rows = []
    for t, seq, d, tag in sim.rows:
        ev = d["event-id"]
        if ev in ("HAREDIRECT", "AGENTINFO"):
            continue
        if ev == "SENDEXTERNAL":
            d["event-id"] = "SEND"
            d["connector-id"] = "Internet Send Connector"
            d["custom-data"] = ""
        if ev == "DEFER":
            d["custom-data"] = ""
        if d["connector-id"] == "Outbound to Internet":
            d["connector-id"] = "Internet Send Connector"
        if ev == "SUBMIT":
            d["source-context"] = d["source-context"].split(", SubmissionAssistant")[0]
        if ev == "DELIVER":
            d["source-context"] = ""
        d["connector-id"] = d["connector-id"].replace("Default Frontend HUB01", "Default HUB01")
        d["server-hostname"] = d["server-hostname"].replace("EXCH02", "HUB02")
        d["custom-data"] = d["custom-data"].replace("S:ProxyHop1=EXCH01.corp.example.com(198.51.100.12);", "")
        d["message-info"] = d["message-info"] if ev != "SENDEXTERNAL" else ""
        rows.append((t, seq, d, tag))
    sim.rows = rows
    return sim.render(EX14_FIELDS, "14.0.0.0", 30)


# ======================================================================================
# ESP exports
# ======================================================================================

ESP_IPS = {"sendgrid": "192.0.2.210", "mandrill": "192.0.2.211", "mailgun": "192.0.2.212",
           "sparkpost": "192.0.2.213", "ses": "192.0.2.214", "postmark": "192.0.2.215"}
WINDOW = (at(29, 0, 5), at(3, 23, 50))


def unknown_user(rng, rcpt, t):
    local, dom = rcpt.rsplit("@", 1)
    if dom in ("gmail.com",):
        return gmail_reply("550", "5.1.1", ["The email account that you tried to reach does not exist. Please try",
                                            "double-checking the recipient's email address for typos or",
                                            "unnecessary spaces. For more information, go to",
                                            " https://support.google.com/mail/?p=NoSuchUser"], rng)
    if dom in ("outlook.com", "hotmail.com", "live.com"):
        return [f"550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). {ms_tag(rng, t)}"]
    if dom in ("yahoo.com", "aol.com"):
        return [f"554 delivery error: dd This user doesn't have a {dom} account ({rcpt}) [0] - "
                f"mta{rng.randint(1, 9)}.mail.gq1.yahoo.com"]
    if dom.endswith(".example") and rng.random() < 0.4:
        return [f"550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient {rcpt} not found by SMTP address lookup"]
    return [f"550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table"]


def mailbox_full(rng, rcpt, t):
    dom = rcpt.rsplit("@", 1)[1]
    if dom == "gmail.com":
        return gmail_reply("452", "4.2.2", ["The recipient's inbox is out of storage space. Please direct the",
                                            "recipient to", " https://support.google.com/mail/?p=OverQuotaTemp"], rng)
    return [f"552 5.2.2 <{rcpt}>: Mailbox full: quota exceeded"]


class EspPicker:
    """Failures as an ESP would record them: receivers' policy refusals plus everyday bad addresses."""

    def __init__(self, rng, esp):
        self.rng, self.esp = rng, esp
        self.pools = Pools(random.Random(SEED + 50 + len(esp)))
        self.ip = ESP_IPS[esp]

    def fix(self, text):
        return text.replace(OUR_IP, self.ip).replace(OUR_IP6, "2001:db8:5::" + self.ip.rsplit(".", 1)[1])

    def pick(self, kinds=("bounce", "defer")):
        """(t, rcpt, lines, kind, outcome-or-None) with a refusal."""
        rng = self.rng
        t = rng.uniform(*WINDOW)
        roll = rng.random()
        if roll < 0.28:
            rcpt = self.pools.pick(fresh=0.9)
            return t, rcpt, unknown_user(rng, rcpt, t), "bounce", None
        if roll < 0.34:
            rcpt = self.pools.pick()
            if "gmail" in rcpt and "defer" in kinds:
                return t, rcpt, mailbox_full(rng, rcpt, t), "defer", None
            if "gmail" in rcpt:
                return t, rcpt, gmail_reply("552", "5.2.2", [
                    "The recipient's inbox is out of storage space and inactive. Please direct",
                    "the recipient to", " https://support.google.com/mail/?p=OverQuotaPerm"], rng), "bounce", None
            return t, rcpt, [f"552 5.2.2 <{rcpt}>: Mailbox full: quota exceeded"], "bounce", None
        for _ in range(60):
            t = rng.uniform(*WINDOW)
            rcpt = self.pools.pick(fresh=0.3)
            o = outcome_for(rng, t, rcpt, "bounce@mail.example.com", rng.randint(0, 2), "news")
            if o.kind in kinds and o.lines:
                return t, rcpt, [self.fix(x) for x in o.lines], o.kind, o
        rcpt = self.pools.pick(fresh=0.9)
        return t, rcpt, unknown_user(rng, rcpt, t), "bounce", None


def enh_of(lines):
    d = dsn_of("bounce", lines)
    return d


def write_csv(rows, header, newline="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def gen_sendgrid(seed=SEED):
    rng = random.Random(seed + 60)
    p = EspPicker(rng, "sendgrid")
    bounces, blocks, tags_b, tags_k = [], [], [], []
    while len(bounces) < 70:
        t, rcpt, lines, kind, o = p.pick(kinds=("bounce",))
        if o is not None and o.tag and o.tag.startswith(("S0", "S1", "S2", "S3", "X-")) and \
                o.stage in ("greeting", "mail") and rng.random() < 0.7:
            continue
        # multi-line replies keep their line breaks in SendGrid's reason field
        reason = "\n".join(lines) if len(lines) > 1 and rng.random() < 0.5 else " ".join(lines)
        bounces.append((t, [enh_of(lines), reason, rcpt, str(int(epoch(t)))], o.tag if o else "ESP-user-unknown"))
    while len(blocks) < 50:
        t, rcpt, lines, kind, o = p.pick()
        if o is None or not o.tag or o.tag.startswith(("P0", "S17", "S31", "S30")):
            continue
        reason = " ".join(lines)
        if rng.random() < 0.15:
            reason = "The recipient's mail server rejected the sender due to policy or blocklist rules: " + reason
            tag = "S01-policy-or-blocklist-rules"
        else:
            tag = o.tag
        status = enh_of(lines) if re.match(r"^\d{3}[ -]\d\.", lines[0]) else lines[0][:3]
        blocks.append((t, [status, reason, rcpt, str(int(epoch(t)))], tag))
    out = {}
    for name, rows in (("sendgrid-bounces.csv", bounces), ("sendgrid-blocks.csv", blocks)):
        rows.sort(key=lambda r: r[0])
        out[name] = (write_csv([r[1] for r in rows], ["status", "reason", "email", "created"]), [r[2] for r in rows])
    return out


def mandrill_time(rng, t, frac=True):
    s = wall(t).strftime("%Y-%m-%d %H:%M:%S")
    if frac:
        s += "." + str(rng.randint(10, 99999)).rstrip("0")
    return s


def gen_mandrill(seed=SEED):
    rng = random.Random(seed + 70)
    p = EspPicker(rng, "mandrill")
    rejects, seen = [], set()
    while len(rejects) < 60:
        roll = rng.random()
        if roll < 0.12:
            t = rng.uniform(*WINDOW)
            rcpt = p.pools.pick()
            reason, detail, tag = "spam", "", "ESP-spam-complaint"
        elif roll < 0.22:
            t = rng.uniform(*WINDOW)
            rcpt = p.pools.pick()
            reason, detail, tag = "unsub", "", "ESP-unsubscribe"
        else:
            t, rcpt, lines, kind, o = p.pick()
            reason = "hard-bounce" if kind == "bounce" else "soft-bounce"
            detail = "smtp;" + " ".join(lines) if (kind == "bounce" or rng.random() < 0.5) else ""
            tag = o.tag if o else "ESP-user-unknown"
        if rcpt in seen:
            continue
        seen.add(rcpt)
        life = {"hard-bounce": 7, "soft-bounce": 1, "spam": 365, "unsub": 3650}[reason]
        created = mandrill_time(rng, t)
        last = mandrill_time(rng, t + rng.uniform(0, 3600) if reason == "soft-bounce" else t)
        exp = wall(t + life * 86400).strftime("%Y-%m-%d %H:%M:%S")
        sub = rng.choice(["", "", "", "transactional", "newsletter"])
        rcpt_out = rcpt if rng.random() < 0.9 else rcpt.upper() if rng.random() < 0.5 else rcpt.split("@")[0] + "@" + rcpt.split("@")[1].upper()
        rejects.append((t, [rcpt_out, reason, detail, created, exp, last, exp, sub], tag))
    rejects.sort(key=lambda r: r[0])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    buf.write("email,reason,detail,created_at,expires_at,last_event_at,expires_at,subaccount\n")
    for _, r, _ in rejects:
        # Mandrill quotes the detail and the timestamps, not the address or reason
        cells = [r[0], r[1]] + ['"' + c.replace('"', '""') + '"' if c else "" for c in r[2:7]] + [r[7]]
        buf.write(",".join(cells) + "\n")
    out = {"mandrill-rejects.csv": (buf.getvalue(), [r[2] for r in rejects])}

    act = []
    subjects = ["Your December statement", "Happy New Year from Example", "Order {n} confirmed",
                "Reset your password", "Last chance: year-end offers, 30% off", "Your invoice INV-{n}"]
    while len(act) < 120:
        t = rng.uniform(*WINDOW)
        subj = rng.choice(subjects).format(n=rng.randint(10000, 99999))
        tags = rng.choice(["newsletter,december", "transactional", "transactional,invoice", "password-reset", ""])
        roll = rng.random()
        if roll < 0.7:
            rcpt = p.pools.pick()
            status, detail, tag = "sent", "", None
            opens, clicks = rng.choice([0, 0, 1, 2, 3]), rng.choice([0, 0, 0, 1])
        else:
            t2, rcpt, lines, kind, o = p.pick()
            status = {"bounce": "bounced", "defer": "soft-bounced"}[kind]
            if o is not None and o.stage in ("greeting", "mail") and rng.random() < 0.4:
                status = "rejected"
            detail, tag, opens, clicks = "smtp;" + " ".join(lines), (o.tag if o else "ESP-user-unknown"), 0, 0
            t = t2
        if rng.random() < 0.03:
            rcpt, status, detail, tag = p.pools.pick(), "spam", "", "ESP-spam-complaint"
        act.append((t, [wall(t).strftime("%Y-%m-%d %H:%M:%S"), rcpt, rng.choice(["noreply@example.com", "news@example.com"]),
                        subj, status, tags, str(opens), str(clicks), detail], tag))
    act.sort(key=lambda r: r[0])
    out["mandrill-activity.csv"] = (write_csv([r[1] for r in act], ["Date", "Email Address", "Sender", "Subject", "Status",
                                                                    "Tags", "Opens", "Clicks", "Bounce Detail"]),
                                    [r[2] for r in act])
    return out


def gen_mailgun(seed=SEED):
    rng = random.Random(seed + 80)
    p = EspPicker(rng, "mailgun")
    rows = []
    while len(rows) < 55:
        t, rcpt, lines, kind, o = p.pick(kinds=("bounce",))
        code = lines[0][:3]
        err = " ".join(lines)
        created = wall(t).strftime("%a, %d %b %Y %H:%M:%S UTC")
        rows.append((t, [rcpt, code, err, created], o.tag if o else "ESP-user-unknown"))
    rows.sort(key=lambda r: r[0])
    return {"mailgun-bounces.csv": (write_csv([r[1] for r in rows], ["address", "code", "error", "created_at"]),
                                    [r[2] for r in rows])}


def gen_sparkpost(seed=SEED):
    rng = random.Random(seed + 90)
    p = EspPicker(rng, "sparkpost")
    rows = []
    while len(rows) < 55:
        roll = rng.random()
        if roll < 0.15:
            t = rng.uniform(*WINDOW)
            rcpt = p.pools.pick()
            src, desc, typ, tag = "Spam Complaint", "Spam Complaint", "non_transactional", "ESP-spam-complaint"
        elif roll < 0.27:
            t = rng.uniform(*WINDOW)
            rcpt = p.pools.pick()
            src, desc, typ, tag = rng.choice([("List Unsubscribe", "List-Unsubscribe header"),
                                              ("Unsubscribe", "Unsubscribe link")]) + ("non_transactional", "ESP-unsubscribe")
        elif roll < 0.32:
            t = rng.uniform(*WINDOW)
            rcpt = p.pools.pick()
            src, desc, typ, tag = "Manually Added", "Added by support: customer request, ticket 48213", "transactional", "ESP-manual"
        else:
            t, rcpt, lines, kind, o = p.pick(kinds=("bounce",))
            src = "Bounce Rule"
            desc = f"{lines[0][:3]} [internal] " + " ".join(lines) if rng.random() < 0.5 else " ".join(lines)
            typ = rng.choice(["transactional", "non_transactional"])
            tag = o.tag if o else "ESP-user-unknown"
        if any(r[1][0] == rcpt for r in rows):
            continue
        created = wall(t).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        updated = wall(t + rng.choice([0, 0, rng.uniform(60, 86400)])).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        rows.append((t, [rcpt, typ, desc, src, created, updated, rng.choice(["", "", "0", "3"])], tag))
    rows.sort(key=lambda r: r[0])
    return {"sparkpost-suppressions.csv": (write_csv([r[1] for r in rows], ["recipient", "type", "description", "source",
                                                                             "created", "updated", "subaccount_id"]),
                                           [r[2] for r in rows])}


def ses_id(rng, t):
    return (f"0100{int(epoch(t) * 1000):012x}-{rstr(rng, '0123456789abcdef', 8)}-{rstr(rng, '0123456789abcdef', 4)}-"
            f"{rstr(rng, '0123456789abcdef', 4)}-{rstr(rng, '0123456789abcdef', 4)}-{rstr(rng, '0123456789abcdef', 12)}-000000")


def iso_ms(rng, t):
    return wall(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{rng.randint(0, 999):03d}Z"


def gen_ses(seed=SEED):
    rng = random.Random(seed + 100)
    p = EspPicker(rng, "ses")
    rows = []
    while len(rows) < 50:
        t, rcpt, lines, kind, o = p.pick()
        rcpts = [(rcpt, lines, kind, o)]
        if rng.random() < 0.12:
            rcpts.append(p.pick())
            rcpts[-1] = rcpts[-1][1:]
        permanent = rcpts[0][2] == "bounce"
        sub = "General"
        if o is None and "5.1." in lines[0] or "does not exist" in " ".join(lines):
            sub = "NoEmail"
        if "storage" in " ".join(lines) or "Mailbox full" in " ".join(lines):
            sub = "MailboxFull"
        if o is not None and o.tag and o.tag.startswith(("S13", "S25", "S02")):
            sub = "ContentRejected"
        if rng.random() < 0.06:
            permanent, sub = True, "Suppressed"
            rcpts = [(rcpt, ["550 5.1.1 Amazon SES has suppressed sending to this address because it has a recent "
                             "history of bouncing as an invalid address."], "bounce", None)]
        bounced = []
        for r, ls, k, oo in rcpts:
            bounced.append({"emailAddress": r, "action": "failed" if k == "bounce" else "delayed",
                            "status": dsn_of(k, ls), "diagnosticCode": "smtp; " + " ".join(ls)})
        mx_ip = (o.addr if o is not None and o.addr else f"203.0.113.{rng.randint(20, 99)}")
        mt = t - rng.uniform(1, 900)
        b = {"bounceType": "Permanent" if permanent else "Transient", "bounceSubType": sub,
             "bouncedRecipients": bounced, "timestamp": iso_ms(rng, t), "feedbackId": ses_id(rng, t),
             "remoteMtaIp": mx_ip, "reportingMTA": f"dsn; a{rng.randint(8, 48)}-{rng.randint(10, 99)}.smtp-out.eu-west-1.amazonses.com"}
        if sub == "Suppressed":
            b.pop("remoteMtaIp")
            b["reportingMTA"] = "dns; amazonses.com"
        m = {"timestamp": iso_ms(rng, mt), "source": rng.choice(["noreply@example.com", "Example Billing <invoices@example.com>"]),
             "sourceArn": "arn:aws:ses:eu-west-1:111122223333:identity/example.com", "sourceIp": "198.51.100.30",
             "sendingAccountId": "111122223333", "messageId": ses_id(rng, mt),
             "destination": [r[0] for r in rcpts]}
        rows.append((t, json.dumps({"notificationType": "Bounce", "bounce": b, "mail": m}, separators=(",", ":")),
                     (o.tag if o else "ESP-user-unknown") if sub != "Suppressed" else "ESP-suppressed"))
    rows.sort(key=lambda r: r[0])
    return {"ses-bounces.jsonl": ("".join(r[1] + "\n" for r in rows), [r[2] for r in rows])}


POSTMARK_TYPES = {
    "HardBounce": (1, "Hard bounce", "The server was unable to deliver your message (ex: unknown user, mailbox not found)."),
    "SoftBounce": (4096, "Soft bounce/Undeliverable", "Unable to temporarily deliver this message."),
    "Blocked": (100006, "ISP block", "The recipient's mail server rejected the sender due to policy or blocklist rules."),
    "DnsError": (256, "DNS error", "A temporary DNS error."),
    "SpamComplaint": (100001, "Spam complaint", "The subscriber explicitly marked this message as spam."),
    "DMARCPolicy": (100009, "DMARC Policy", "The message was rejected by the recipient's DMARC policy."),
    "Unsubscribe": (16, "Unsubscribe request", "Unsubscribe or removal request."),
}


def gen_postmark(seed=SEED):
    rng = random.Random(seed + 110)
    p = EspPicker(rng, "postmark")
    rows = []
    ident = 4281000000 + rng.randint(0, 10 ** 6)
    while len(rows) < 50:
        roll = rng.random()
        if roll < 0.08:
            t = rng.uniform(*WINDOW)
            rcpt = p.pools.pick()
            typ, details, tag = "SpamComplaint", "Reported as spam via feedback loop", "ESP-spam-complaint"
        else:
            t, rcpt, lines, kind, o = p.pick()
            text = " ".join(lines)
            tag = o.tag if o else "ESP-user-unknown"
            if o is not None and o.stage in ("dns", "dns-perm", "nullmx"):
                typ = "DnsError"
            elif "DMARC" in text or "5.7.26" in text:
                typ = "DMARCPolicy"
            elif kind == "defer":
                typ = "SoftBounce"
            elif o is not None and o.tag and o.tag.split("-")[0] in ("S01", "S05", "S07", "S08", "S09", "S10", "S12",
                                                                    "S26", "S27", "S32", "S33", "S34", "X"):
                typ = "Blocked"
            else:
                typ = "HardBounce"
            details = "smtp;" + text
        code, name, desc = POSTMARK_TYPES[typ]
        ident += rng.randint(1, 90000)
        rec = {"RecordType": "Bounce", "ID": ident, "Type": typ, "TypeCode": code, "Name": name,
               "Tag": rng.choice(["invoice", "welcome", "password-reset", "newsletter", ""]),
               "MessageID": uuidish(rng), "ServerID": 23871, "MessageStream": rng.choice(["outbound", "broadcast"]),
               "Description": desc, "Details": details, "Email": rcpt, "From": "noreply@example.com",
               "BouncedAt": wall(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{rng.randint(0, 9999999):07d}Z",
               "DumpAvailable": rng.random() < 0.7, "Inactive": typ in ("HardBounce", "SpamComplaint", "Blocked"),
               "CanActivate": typ != "SpamComplaint",
               "Subject": rng.choice(["Your invoice INV-2026-4471", "Welcome to Example", "Reset your password",
                                      "Example newsletter: the year in review"])}
        rows.append((t, rec, tag))
    rows.sort(key=lambda r: r[0])
    out = []
    for t, rec, tag in rows:
        ident += rng.randint(1, 90000)      # Postmark ids grow with time
        rec["ID"] = ident
        out.append(json.dumps(rec, ensure_ascii=False) + "\n")
    return {"postmark-bounces.jsonl": ("".join(out), [r[2] for r in rows])}


# ======================================================================================
# main: write the files, print where the seeds are
# ======================================================================================

POSTFIX_FEATURES = [
    ("P02-quoted-local-part", r'to=<"[^"]+"@'),
    ("P03-refused-to-talk", r"refused to talk to me"),
    ("P20-long-queue-id", r"\]: [0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10}z[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-y]+: "),
    ("P21-postfix-out-smtp", r" postfix-out/smtp\["),
    ("P21-submission-smtpd", r" postfix/submission/smtpd\["),
    ("P01-ipv6-relay-any", r"relay=[^ ]*\[2001:db8:[0-9a-f:]+\]:25"),
    ("P19-sender-delay-notification", r"sender delay notification"),
    ("N-anvil", r" postfix/anvil\["),
    ("N-tlsmgr", r" postfix/tlsmgr\["),
    ("N-warning", r"\]: warning: "),
    ("N-trusted-tls", r"Trusted TLS connection established"),
    ("N-daemon-started", r"daemon started"),
    ("N-postscreen-pass-new", r"PASS NEW"),
    ("N-postscreen-dnsbl-rank", r"DNSBL rank"),
]


def line_starts_csv(text):
    """Physical line number at which each data record of a CSV text starts (header excluded)."""
    r = csv.reader(io.StringIO(text, newline=""))
    starts, prev = [], 0
    for i, _ in enumerate(r):
        if i > 0:
            starts.append(prev + 1)
        prev = r.line_num
    return starts


def summarise(name, tags, line_numbers=None, text_lines=None, features=()):
    by = {}
    for i, tag in enumerate(tags):
        if tag:
            by.setdefault(tag, []).append(line_numbers[i] if line_numbers else i + 1)
    if text_lines is not None:
        for fname, rx in features:
            c = re.compile(rx)
            hits = [i + 1 for i, l in enumerate(text_lines) if c.search(l)]
            if hits:
                by.setdefault(fname, []).extend(hits)
    print(f"\n## {name}")
    for k in sorted(by):
        v = by[k]
        more = f" ... ({len(v)} in all)" if len(v) > 8 else ""
        print(f"  {k:45s} lines {', '.join(map(str, v[:8]))}{more}")


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)
    n = text.count("\n")
    print(f"{path.relative_to(path.parents[2])}: {n} lines, {len(text.encode(encoding))} bytes")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(REPO / "sample-logs"), help="output folder (default: sample-logs/)")
    ap.add_argument("--quiet", action="store_true", help="do not print where the seed messages are")
    args = ap.parse_args(argv)
    out = Path(args.out)
    report = []

    lines, tags = gen_postfix()
    write(out / "postfix" / "maillog", "\n".join(lines) + "\n")
    report.append(("postfix/maillog", tags, None, lines, POSTFIX_FEATURES))

    lines, tags = gen_exim()
    write(out / "exim" / "mainlog", "\n".join(lines) + "\n")
    report.append(("exim/mainlog", tags, None, None, ()))
    lines, tags = gen_exim_syslog()
    write(out / "exim" / "mainlog-syslog", "\n".join(lines) + "\n")
    report.append(("exim/mainlog-syslog", tags, None, None, ()))

    text, tags = gen_exchange()
    write(out / "exchange" / "MSGTRK20261231-1.LOG", text)
    report.append(("exchange/MSGTRK20261231-1.LOG", tags, None, None, ()))
    text, tags = gen_exchange2010()
    write(out / "exchange" / "MSGTRK2010-sample.LOG", text)
    report.append(("exchange/MSGTRK2010-sample.LOG", tags, None, None, ()))

    for fn in (gen_sendgrid, gen_mandrill, gen_mailgun, gen_sparkpost, gen_ses, gen_postmark):
        for name, (text, tags) in fn().items():
            write(out / "esp" / name, text)
            starts = line_starts_csv(text) if name.endswith(".csv") else None
            report.append((f"esp/{name}", tags, starts, None, ()))

    if not args.quiet:
        print("\n# Where the seed refusals are (tag -> line numbers, 1-based)")
        for name, tags, starts, text_lines, feats in report:
            summarise(name, tags, starts, text_lines, feats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
