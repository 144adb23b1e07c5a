// What the registry lists about one local server (NODE_API.md §2 server entries).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace relay::node {

struct ServerDescription {
  std::string name;
  std::vector<std::string> methods;                        // sorted
  std::vector<std::pair<std::string, std::string>> state;  // field -> type name
};

}  // namespace relay::node
