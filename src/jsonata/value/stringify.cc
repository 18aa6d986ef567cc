#include "jsonata/value/stringify.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "jsonata/format/js_number.h"
#include "jsonata/value/object_data.h"

namespace jobflow::jsonata {
namespace {

bool is_integer(double n) { return std::isfinite(n) && std::trunc(n) == n; }

std::string number_text(double n) {
  if (std::isnan(n)) return "null";
  return format::number_to_string(is_integer(n) ? n : to_precision_15(n));
}

void newline(std::string& out, int indent, int depth) {
  if (indent <= 0) return;
  out += '\n';
  out.append(static_cast<std::size_t>(indent * depth), ' ');
}

// Writes `value`; false when it writes nothing (undefined at the top or as a member).
void write(const Value& value, int indent, int depth, std::string& out) {
  switch (value.kind()) {
    case Value::Kind::kUndefined:
    case Value::Kind::kNull: out += "null"; return;
    case Value::Kind::kBoolean: out += value.as_boolean() ? "true" : "false"; return;
    case Value::Kind::kNumber: {
      const double n = value.as_number();
      if (std::isinf(n)) {
        throw error("D1001", {ErrorInsert::literal("value", n > 0 ? "Infinity" : "-Infinity")});
      }
      out += number_text(n);
      return;
    }
    case Value::Kind::kString: append_js_json_string(out, value.as_string()); return;
    case Value::Kind::kFunction: out += "\"\""; return;
    case Value::Kind::kArray: {
      if (value.size() == 0) {
        out += "[]";
        return;
      }
      out += '[';
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (i > 0) out += ',';
        newline(out, indent, depth + 1);
        write(value.at(i), indent, depth + 1, out);
      }
      newline(out, indent, depth);
      out += ']';
      return;
    }
    case Value::Kind::kObject: {
      bool any = false;
      out += '{';
      value.for_each_member([&](std::string_view key, const Value& member) {
        if (member.is_undefined()) return;
        if (any) out += ',';
        any = true;
        newline(out, indent, depth + 1);
        append_js_json_string(out, key);
        out += indent > 0 ? ": " : ":";
        write(member, indent, depth + 1, out);
      });
      if (any) newline(out, indent, depth);
      out += '}';
      return;
    }
  }
}

}  // namespace

void append_js_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    // A run of characters that need no escape is appended in one go.
    std::size_t run = i;
    while (run < text.size()) {
      const auto r = static_cast<unsigned char>(text[run]);
      if (r < 0x20 || r == '"' || r == '\\' || r == 0xED) break;
      ++run;
    }
    if (run > i) {
      out.append(text.data() + i, run - i);
      i = run;
      if (i == text.size()) break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else if (c == 0xED && i + 2 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0xA0) {
      // A surrogate code point (U+D800–U+DFFF) on its own: JSON.stringify escapes it.
      const unsigned unit = 0xD000 | ((static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
                            (static_cast<unsigned char>(text[i + 2]) & 0x3F);
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xF];
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

double to_precision_15(double value) {
  if (!std::isfinite(value) || value == 0) return value;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.14e", value);
  return std::strtod(buffer, nullptr);
}

JResult<std::string> json_stringify(const Value& value, int indent) {
  std::string out;
  out.reserve(128);
  try {
    write(value, indent, 0, out);
  } catch (JsonataError& e) {
    return std::unexpected(std::move(e));
  }
  return out;
}

JResult<std::optional<std::string>> jsonata_string(const Value& value, bool prettify) {
  switch (value.kind()) {
    case Value::Kind::kUndefined: return std::optional<std::string>();
    case Value::Kind::kString: return std::optional<std::string>(std::string(value.as_string()));
    case Value::Kind::kFunction: return std::optional<std::string>(std::string());
    case Value::Kind::kNumber:
      if (!std::isfinite(value.as_number())) {
        const double n = value.as_number();
        return std::unexpected(error(
            "D3001", {ErrorInsert::literal("value", std::isnan(n) ? "null" : n > 0 ? "Infinity" : "-Infinity")}));
      }
      break;
    default: break;
  }
  const Value& target = value.outer_wrapper() && value.size() > 0 ? value.at(0) : value;
  // `target` may be a temporary when unwrapped: keep it alive for the call.
  Value held = target;
  auto text = json_stringify(held, prettify ? 2 : 0);
  if (!text) return std::unexpected(text.error());
  return std::optional<std::string>(std::move(*text));
}

}  // namespace jobflow::jsonata
