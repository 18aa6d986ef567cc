#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jsonata/error/jsonata_error.h"

namespace jobflow::jsonata {

// A function signature such as "<s-n?:s>" or "<af<b>:a>", parsed once.
//
// The reference implementation turns a signature into a regular expression over one symbol per
// argument (s string, n number, b boolean, l null, a array, o object, f function, m missing) and
// matches the supplied arguments' symbols against it. Here each parameter keeps the symbols it
// accepts and its quantifier, and `match` does the same greedy, backtracking match without a
// regex engine. What the evaluator does with the result (context substitution, wrapping a value
// in an array, the T0410–T0412 errors) needs values, so it lives there.
class Signature {
 public:
  struct Param {
    char type = 'x';            // s n b l o a f j x, or '(' for a choice
    std::string choice;         // the symbols of a (…) choice
    std::string accepts;        // symbols that match one argument: "sm", "asnblfom", "f", ...
    char quantifier = '\0';     // '\0' exactly one, '?' optional, '+' one or more
    bool context = false;       // '-': the context value stands in for a missing argument
    std::string subtype;        // a<s>, f<n:n>: the text between the angle brackets
  };

  // `text` includes the angle brackets. Errors: S0401 (a type parameter on a type other than a
  // or f), S0402 (a choice with parameterized types); their position is the offset in `text`.
  static JResult<Signature> parse(std::string_view text);

  const std::string& definition() const { return definition_; }
  const std::vector<Param>& params() const { return params_; }

  // Matches the supplied arguments' symbols ("snm", one per argument) against the parameters:
  // for each parameter, the symbols it took (possibly none). nullopt when they do not match.
  std::optional<std::vector<std::string>> match(std::string_view symbols) const;
  // The 1-based argument at which the symbols stop matching (for T0410): the reference's
  // search, applying the parameters one more at a time.
  std::size_t first_mismatch(std::string_view symbols) const;

 private:
  bool match_from(std::size_t param, std::size_t pos, std::string_view symbols, bool anchored_end,
                  std::vector<std::string>& taken) const;

  std::string definition_;
  std::vector<Param> params_;
};

}  // namespace jobflow::jsonata
