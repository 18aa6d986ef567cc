#include "asl/template/payload_template.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "asl/intrinsic/intrinsic.h"
#include "asl/path/json_path.h"

namespace jobflow::asl {
namespace {

constexpr std::string_view kDynamicSuffix = ".$";

// One node of a compiled template. A subtree without any `.$` field is folded into one
// pre-built literal.
struct TemplateNode {
  enum class Kind { kLiteral, kPath, kIntrinsic, kObject, kArray };
  Kind kind = Kind::kLiteral;
  Json literal;                                           // kLiteral
  std::optional<JsonPath> path;                           // kPath
  std::optional<Intrinsic> intrinsic;                     // kIntrinsic
  std::string field;                                      // kPath, kIntrinsic: "x.$"
  std::vector<std::pair<std::string, TemplateNode>> members;  // kObject (keys without ".$")
  std::vector<TemplateNode> items;                         // kArray
};

bool ends_with_suffix(std::string_view key) {
  return key.size() >= kDynamicSuffix.size() &&
         key.substr(key.size() - kDynamicSuffix.size()) == kDynamicSuffix;
}

Diagnostic invalid_dynamic_value(std::string_view key, std::string_view location) {
  return Diagnostic{"SCHEMA_VALIDATION_FAILED",
                    "The value for the field '" + std::string(key) +
                        "' must be a valid JSONPath or a valid intrinsic function call",
                    std::string(location)};
}

// Not recorded on AWS; the wording is ours.
Diagnostic duplicate_field(std::string_view plain, std::string_view location) {
  return Diagnostic{"SCHEMA_VALIDATION_FAILED",
                    "The field '" + std::string(plain) + "' and the field '" + std::string(plain) +
                        ".$' cannot both be specified",
                    std::string(location)};
}

Parsed<TemplateNode> compile_node(const Json& value, std::string_view location);

Parsed<TemplateNode> compile_dynamic(std::string_view key, const Json& value,
                                     std::string_view location) {
  const auto* text = value.if_string();
  if (!text) return std::unexpected(invalid_dynamic_value(key, location));
  std::string_view expression(text->data(), text->size());
  TemplateNode node;
  node.field = std::string(key);
  if (Intrinsic::looks_like_call(expression)) {
    auto call = Intrinsic::parse(expression, key, location);
    if (!call) return std::unexpected(std::move(call.error()));
    node.kind = TemplateNode::Kind::kIntrinsic;
    node.intrinsic = std::move(*call);
    return node;
  }
  auto path = JsonPath::parse(expression, key, location);
  if (!path) return std::unexpected(invalid_dynamic_value(key, location));
  node.kind = TemplateNode::Kind::kPath;
  node.path = std::move(*path);
  return node;
}

Parsed<TemplateNode> compile_node(const Json& value, std::string_view location) {
  TemplateNode node;
  if (const auto* obj = value.if_object()) {
    bool dynamic = false;
    for (const auto& entry : *obj) {
      std::string_view key = entry.key();
      if (ends_with_suffix(key)) {
        std::string_view plain = key.substr(0, key.size() - kDynamicSuffix.size());
        if (obj->contains(plain)) return std::unexpected(duplicate_field(plain, location));
        auto child = compile_dynamic(key, entry.value(), location);
        if (!child) return child;
        node.members.emplace_back(std::string(plain), std::move(*child));
        dynamic = true;
      } else {
        auto child = compile_node(entry.value(), location);
        if (!child) return child;
        dynamic = dynamic || child->kind != TemplateNode::Kind::kLiteral;
        node.members.emplace_back(std::string(key), std::move(*child));
      }
    }
    if (dynamic) {
      node.kind = TemplateNode::Kind::kObject;
      return node;
    }
  } else if (const auto* arr = value.if_array()) {
    bool dynamic = false;
    for (const Json& item : *arr) {
      auto child = compile_node(item, location);
      if (!child) return child;
      dynamic = dynamic || child->kind != TemplateNode::Kind::kLiteral;
      node.items.push_back(std::move(*child));
    }
    if (dynamic) {
      node.kind = TemplateNode::Kind::kArray;
      return node;
    }
  }
  node = TemplateNode{};
  node.kind = TemplateNode::Kind::kLiteral;
  node.literal = value;
  return node;
}

// Writes the node's value into `out` (a null slot in the output being built).
Outcome<void> build(const TemplateNode& node, const Scope& scope, Json& out) {
  switch (node.kind) {
    case TemplateNode::Kind::kLiteral: out = node.literal; return {};
    case TemplateNode::Kind::kPath: {
      auto found = node.path->find_into(scope, out);
      if (!found) {
        return raise(Failure::runtime(
            "The JSONPath '" + node.path->text() + "' specified for the field '" + node.field +
            "' could not be found in the input '" + to_text(scope.input ? *scope.input : Json()) +
            "'"));
      }
      return {};
    }
    case TemplateNode::Kind::kIntrinsic: {
      auto value = node.intrinsic->evaluate(scope);
      if (!value) return raise(std::move(value.error()));
      if (*value) {
        out = **value;
      } else {
        out = nullptr;
      }
      return {};
    }
    case TemplateNode::Kind::kObject: {
      boost::json::object& obj = out.emplace_object();
      obj.reserve(node.members.size());
      for (const auto& [key, child] : node.members) {
        // A later "x.$" can overwrite an earlier literal "x" only in an invalid template, which
        // compile() rejects; keys are unique here.
        Json& slot = obj.emplace(key, nullptr).first->value();
        auto built = build(child, scope, slot);
        if (!built) return built;
      }
      return {};
    }
    case TemplateNode::Kind::kArray: {
      boost::json::array& arr = out.emplace_array();
      arr.reserve(node.items.size());
      for (const TemplateNode& item : node.items) {
        auto built = build(item, scope, arr.emplace_back(nullptr));
        if (!built) return built;
      }
      return {};
    }
  }
  return {};
}

}  // namespace

struct PayloadTemplate::Compiled {
  TemplateNode root;
  JsonPtr constant;  // the whole template when it has no `.$` field: shared, never rebuilt
};

Parsed<PayloadTemplate> PayloadTemplate::compile(const Json& value, std::string_view field,
                                                 std::string_view location) {
  (void)field;  // AWS names the `.$` key in its diagnostics, not the state's field
  auto root = compile_node(value, location);
  if (!root) return std::unexpected(std::move(root.error()));
  auto compiled = std::make_shared<Compiled>();
  if (root->kind == TemplateNode::Kind::kLiteral) {
    compiled->constant = make_json(std::move(root->literal));
  } else {
    compiled->root = std::move(*root);
  }
  PayloadTemplate out;
  out.compiled_ = std::move(compiled);
  return out;
}

Outcome<JsonPtr> PayloadTemplate::evaluate(const Scope& scope) const {
  const Compiled& c = *compiled_;
  if (c.constant) return c.constant;
  Json out;
  auto built = build(c.root, scope, out);
  if (!built) return raise(std::move(built.error()));
  return make_json(std::move(out));
}

}  // namespace jobflow::asl
