// SPDX-License-Identifier: GPL-3.0-or-later
#include "test_certificate.h"

#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace portier::http::test {
namespace {

void check(bool ok, const char *step) {
   if (!ok) throw std::runtime_error(std::string("test certificate: ") + step);
}

std::string drained(BIO *bio) {
   char *data = nullptr;
   const long n = BIO_get_mem_data(bio, &data);
   return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace

TestCertificate make_test_certificate() {
   std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
   check(key != nullptr, "key");
   std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
   check(cert != nullptr, "certificate");
   X509_set_version(cert.get(), 2);
   ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
   X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
   X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
   X509_NAME *name = X509_get_subject_name(cert.get());
   X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("127.0.0.1"), -1, -1, 0);
   X509_set_issuer_name(cert.get(), name);
   X509_set_pubkey(cert.get(), key.get());
   X509V3_CTX ctx;
   X509V3_set_ctx_nodb(&ctx);
   X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
   X509_EXTENSION *san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1");
   check(san != nullptr, "subjectAltName");
   const int added = X509_add_ext(cert.get(), san, -1);
   X509_EXTENSION_free(san);
   check(added == 1, "subjectAltName");
   check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signature");

   TestCertificate out;
   std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(BIO_new(BIO_s_mem()), BIO_free);
   check(PEM_write_bio_X509(cert_bio.get(), cert.get()) == 1, "certificate PEM");
   out.cert_pem = drained(cert_bio.get());
   std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new(BIO_s_mem()), BIO_free);
   check(PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1, "key PEM");
   out.key_pem = drained(key_bio.get());
   return out;
}

}  // namespace portier::http::test
