#include "node/peer_address.h"

#include <algorithm>
#include <cctype>

#include "node/options.h"

namespace relay::node {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

bool valid_dns_or_ipv4(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  if (!std::all_of(host.begin(), host.end(), is_name_char)) return false;
  return host.front() != '-' && host.front() != '.' && host.back() != '-' && host.back() != '.';
}

bool valid_ipv6(std::string_view host) {
  if (host.size() < 2 || host.find(':') == std::string_view::npos) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
  });
}

// Drops "http://" (any case) and one trailing "/".
std::string_view strip_scheme(std::string_view text, bool& bad_scheme) {
  const std::size_t scheme_end = text.find("://");
  if (scheme_end != std::string_view::npos) {
    std::string scheme(text.substr(0, scheme_end));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    bad_scheme = scheme != "http";  // peers speak plain HTTP (TLS is a planned extension)
    text.remove_prefix(scheme_end + 3);
    if (text.ends_with('/')) text.remove_suffix(1);
  }
  return text;
}

}  // namespace

std::optional<HostPort> split_host_port(std::string_view address) {
  const std::size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view host = address.substr(0, colon);
  const auto port = parse_port(address.substr(colon + 1));
  if (!port || *port == 0) return std::nullopt;
  if (host.starts_with('[') && host.ends_with(']')) {
    host = host.substr(1, host.size() - 2);
    if (!valid_ipv6(host)) return std::nullopt;
  } else if (!valid_dns_or_ipv4(host)) {
    return std::nullopt;
  }
  return HostPort{std::string(host), *port};
}

std::optional<std::string> normalize_peer_address(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  bool bad_scheme = false;
  const std::string_view rest = strip_scheme(text, bad_scheme);
  if (bad_scheme || !split_host_port(rest)) return std::nullopt;
  return std::string(rest);
}

}  // namespace relay::node
