// SPDX-License-Identifier: GPL-3.0-or-later
// A self-signed certificate for 127.0.0.1 (in its subjectAltName, so a host-name check on the
// address passes), made at run time for the WebSocket client's TLS tests: no key in the tree.
#pragma once

#include <string>

namespace portier::http::test {

struct TestCertificate {
   std::string cert_pem;  // also the CA a client must trust to verify the server
   std::string key_pem;
};

// A fresh P-256 key and a certificate valid for a day; throws std::runtime_error if OpenSSL fails.
TestCertificate make_test_certificate();

}  // namespace portier::http::test
