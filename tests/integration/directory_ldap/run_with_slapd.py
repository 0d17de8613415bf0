#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts a real slapd on 127.0.0.1 for directory.ldap's integration test, runs the test against
# it, and stops slapd whatever happens.
#   run_with_slapd.py TEST_BINARY SCHEMA_FILE
# In a temp folder: a CA and a server certificate made with openssl, slapd.conf (mdb, the core,
# cosine and inetorgperson schemas plus portier-test.schema, TLS, a server size limit of 1000
# that paged searches are exempt from), and a generated data set of 5,014 entries loaded with
# slapadd. The test binary learns ports and paths from the environment and the expected rejects
# from expected.json.
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "daemon"))
from free_ports import Finder  # noqa: E402

SUFFIX = "dc=example,dc=com"
PEOPLE = "ou=people," + SUFFIX
READER_DN = "cn=reader," + SUFFIX
READER_PASSWORD = "reader-secret"
GOOD = 5000
SERVER_SIZE_LIMIT = 1000

GIVEN = ["Jürgen", "Åsa", "Søren", "José", "Zoë", "Łukasz", "Ηλέκτρα", "Иван", "美咲", "Nguyễn", "Aoife", "Çağla",
         "Anna", "Jean-Luc", "Ólafur"]
FAMILY = ["Müller", "Lindqvist", "Ørsted", "Núñez", "Brontë", "Wałęsa", "Παπαδοπούλου", "Иванов", "山田", "Trần",
          "Ó Súilleabháin", "Öztürk", "Schmidt", "Dupont", "Jónsson"]


def b64_if_needed(attribute, value):
    """An LDIF line: values that are not plain ASCII go base64 encoded (RFC 2849)."""
    raw = value.encode("utf-8")
    if all(32 <= b < 127 for b in raw) and not value.startswith((" ", ":", "<")):
        return "%s: %s" % (attribute, value)
    import base64
    return "%s:: %s" % (attribute, base64.b64encode(raw).decode("ascii"))


def person(i):
    given, family = GIVEN[i % len(GIVEN)], FAMILY[(i // len(GIVEN)) % len(FAMILY)]
    uid = "p%05d" % i
    lines = ["dn: uid=%s,%s" % (uid, PEOPLE),
             "objectClass: inetOrgPerson", "objectClass: portierPerson",
             "uid: " + uid, b64_if_needed("cn", "%s %s" % (given, family)), b64_if_needed("sn", family),
             b64_if_needed("givenName", given), "employeeNumber: E%05d" % i,
             "o: Example AG", "ou: Dept %d" % (i % 40), b64_if_needed("l", "München" if i % 2 else "Zürich"),
             "roomNumber: R%d" % (i % 300), "telephoneNumber: +49 89 7000 %d" % i,
             "telephoneExtension: %d" % (10000 + i)]
    if i % 3 == 0:
        lines.append("mobile: +49 171 %07d" % i)
    if i % 7 == 0:
        lines.append(b64_if_needed("displayName", "%s, %s" % (family, given)))
    mails = 1 + (i % 4 == 0) + (i % 12 == 0)  # some with two, some with three
    for m in range(mails):
        lines.append("mail: %s%s@example.com" % (uid, "" if m == 0 else ".%d" % m))
    return lines


def data_set():
    """The LDIF text and the rejects the import must report, in search (= load) order."""
    entries = [["dn: " + SUFFIX, "objectClass: dcObject", "objectClass: organization", "dc: example", "o: Example AG"],
               ["dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people"],
               ["dn: " + READER_DN, "objectClass: organizationalRole", "objectClass: simpleSecurityObject",
                "cn: reader", "userPassword: " + READER_PASSWORD]]
    rejects = []
    number = 0  # place in the search result: only the people entries match the filter

    def add_broken(lines, reason):
        nonlocal number
        number += 1
        entries.append(lines)
        rejects.append({"number": number, "dn": lines[0][4:], "reason": reason})

    for i in range(1, GOOD + 1):
        entries.append(person(i))
        number += 1
        if i % 700 == 0:  # 7 people without the mapped source id (employeeNumber)
            lines = [l for l in person(100000 + i) if not l.startswith("employeeNumber")]
            add_broken(lines, "no source id (employeeNumber empty or absent)")
        if i % 1000 == 500:  # 5 contacts without any name
            uid = "nameless%d" % i
            add_broken(["dn: uid=%s,%s" % (uid, PEOPLE), "objectClass: portierContact", "uid: " + uid,
                        "employeeNumber: N%d" % i, "mail: %s@example.com" % uid],
                       "no name (displayName, cn, givenName, sn empty or absent)")
        if i in (1234, 4321):  # 2 entries repeating an earlier employee number
            lines = [l if not l.startswith("employeeNumber") else "employeeNumber: E%05d" % (i - 1)
                     for l in person(200000 + i)]
            first = i - 1 + sum(1 for r in rejects if r["number"] < number)
            add_broken(lines, "duplicate source id 'E%05d' (first in entry %d)" % (i - 1, first))
    text = "\n\n".join("\n".join(e) for e in entries) + "\n"
    return text, rejects, number


def run(cmd, **kw):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def make_certificates(work):
    ca_key, ca_pem = os.path.join(work, "ca.key"), os.path.join(work, "ca.pem")
    key, csr, pem = os.path.join(work, "server.key"), os.path.join(work, "server.csr"), os.path.join(work, "server.pem")
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=Portier test CA",
         "-keyout", ca_key, "-out", ca_pem])
    # a second CA that signed nothing: verifying against it must fail
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=Other CA",
         "-keyout", os.path.join(work, "other-ca.key"), "-out", os.path.join(work, "other-ca.pem")])
    run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", csr])
    ext = os.path.join(work, "san.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    run(["openssl", "x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key, "-CAcreateserial", "-days", "2",
         "-extfile", ext, "-out", pem])
    return ca_pem, key, pem


def write_config(work, schema, key, pem):
    db = os.path.join(work, "db")
    os.mkdir(db)
    conf = os.path.join(work, "slapd.conf")
    with open(conf, "w") as f:
        f.write("""include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include {schema}
pidfile {work}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
TLSCertificateFile {pem}
TLSCertificateKeyFile {key}
database mdb
maxsize 268435456
suffix "{suffix}"
rootdn "cn=admin,{suffix}"
directory {db}
index objectClass eq
# a server limit below the entry count: only a paged search gets every entry
limits * size.soft={limit} size.hard={limit} size.pr=unlimited size.prtotal=unlimited
access to * by * read
""".format(schema=schema, work=work, pem=pem, key=key, suffix=SUFFIX, db=db, limit=SERVER_SIZE_LIMIT))
    return conf


def wait_listening(port, proc, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    return False


def main():
    binary, schema = sys.argv[1], os.path.abspath(sys.argv[2])
    work = tempfile.mkdtemp(prefix="portier-ldap-")
    slapd = None
    try:
        ca_pem, key, pem = make_certificates(work)
        conf = write_config(work, schema, key, pem)
        text, rejects, total = data_set()
        ldif = os.path.join(work, "data.ldif")
        with open(ldif, "w", encoding="utf-8") as f:
            f.write(text)
        run(["slapadd", "-q", "-f", conf, "-l", ldif])
        with open(os.path.join(work, "expected.json"), "w") as f:
            json.dump({"read": total, "accepted": GOOD, "rejects": rejects}, f)

        finder = Finder()
        ldap_port, ldaps_port, closed_port = finder.port(), finder.port(), finder.port()
        # the ports stay reserved until this runner exits (free_ports.py)
        slapd = subprocess.Popen(["slapd", "-d", "0", "-f", conf, "-h",
                                  "ldap://127.0.0.1:%d/ ldaps://127.0.0.1:%d/" % (ldap_port, ldaps_port)],
                                 stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "slapd.log"), "w"))
        if not (wait_listening(ldap_port, slapd) and wait_listening(ldaps_port, slapd)):
            sys.stderr.write("FAIL: slapd did not listen:\n" + open(os.path.join(work, "slapd.log")).read())
            return 1
        # the server's own limit holds for a search without paging
        plain = subprocess.run(["ldapsearch", "-x", "-LLL", "-H", "ldap://127.0.0.1:%d" % ldap_port, "-D", READER_DN,
                                "-w", READER_PASSWORD, "-b", PEOPLE, "(objectClass=inetOrgPerson)", "dn"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
        if plain.returncode != 4 or plain.stdout.count(b"dn: ") != SERVER_SIZE_LIMIT:
            sys.stderr.write("FAIL: a search without paging was expected to stop at the server's limit of %d "
                             "(rc 4), got rc %d and %d entries\n" % (SERVER_SIZE_LIMIT, plain.returncode,
                                                                     plain.stdout.count(b"dn: ")))
            return 1
        env = dict(os.environ, PORTIER_LDAP_PORT=str(ldap_port), PORTIER_LDAPS_PORT=str(ldaps_port),
                   PORTIER_LDAP_CLOSED_PORT=str(closed_port), PORTIER_LDAP_CA=ca_pem, PORTIER_LDAP_WORK=work,
                   PORTIER_LDAP_READER_DN=READER_DN, PORTIER_LDAP_READER_PASSWORD=READER_PASSWORD,
                   PORTIER_LDAP_BASE=PEOPLE)
        return subprocess.run([binary] + sys.argv[3:], env=env, timeout=50).returncode
    finally:
        if slapd is not None and slapd.poll() is None:
            slapd.send_signal(signal.SIGTERM)
            try:
                slapd.wait(timeout=5)
            except subprocess.TimeoutExpired:
                slapd.kill()
                slapd.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
