#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/intrinsic/functions.h"
#include "asl/path/json_path.h"
#include "asl/value/json.h"

namespace jobflow::asl::intrinsic {

// One node of a parsed call: a literal argument, a path argument or a (nested) call.
struct Node {
  enum class Kind { kLiteral, kPath, kCall };

  Kind kind = Kind::kLiteral;
  JsonPtr literal;                        // kLiteral: string (escapes decoded), number, bool, null
  std::vector<std::size_t> format_holes;  // kLiteral string: offsets of the unescaped `{}`
  std::optional<JsonPath> path;           // kPath
  Function function = Function::kArray;   // kCall
  std::vector<Node> args;                 // kCall
};

// Parses the text of an intrinsic call into a Node tree:
//   call     := blanks "States." name "(" blanks [arg (blanks "," blanks arg)*] blanks ")" blanks
//   arg      := 'string' | number | true | false | null | path | call
//   string   := characters between single quotes; escapes \' \{ \} \\ only
//   path     := "$" ... up to the next top-level ",", ")" or blank (brackets and quotes nest)
// Calls nest at most kMaxDepth deep (the outermost call is depth 1).
class CallParser {
 public:
  static constexpr int kMaxDepth = 10;

  // The tree, or why `text` is not a valid call (AWS reports one fixed message; the reason is
  // for tests and logs).
  static std::expected<Node, std::string> parse(std::string_view text);

 private:
  explicit CallParser(std::string_view text) : text_(text) {}

  std::expected<Node, std::string> call(int depth);
  std::expected<Node, std::string> argument(int depth);
  std::expected<Node, std::string> string_literal();
  std::expected<Node, std::string> number_literal();
  std::expected<Node, std::string> path();
  std::optional<Node> keyword();

  void skip_blanks();
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  std::string error(std::string_view what) const;

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace jobflow::asl::intrinsic
