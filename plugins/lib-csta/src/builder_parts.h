// SPDX-License-Identifier: GPL-3.0-or-later
// Pieces both directions' builders write the same way (requests in builders.cpp, what a PBX
// sends in server_builders.cpp).
#pragma once

#include <string>
#include <string_view>

#include "portier/csta/messages.h"
#include "portier/csta/xml_writer.h"

namespace portier::csta::parts {

// A document in OSV's ed4 namespace.
inline XmlWriter csta(std::string_view root) { return XmlWriter(root, kNamespaceEd4); }

// <name><callID>..</callID><deviceID>..</deviceID></name>
inline void write_connection(XmlWriter &xml, std::string_view name, const ConnectionId &connection) {
   xml.open(name).leaf("callID", connection.call_id).leaf("deviceID", connection.device.raw).close();
}

// A document whose only child is one connection.
inline std::string one_connection(std::string_view root, std::string_view name, const ConnectionId &connection) {
   auto xml = csta(root);
   write_connection(xml, name, connection);
   return xml.finish();
}

}  // namespace portier::csta::parts
