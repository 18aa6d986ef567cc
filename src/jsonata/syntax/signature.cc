#include "jsonata/syntax/signature.h"

namespace jobflow::jsonata {
namespace {

std::size_t closing_bracket(std::string_view text, std::size_t start, char open, char close) {
  int depth = 1;
  std::size_t position = start;
  while (position < text.size()) {
    ++position;
    if (position >= text.size()) break;
    if (text[position] == close) {
      if (--depth == 0) break;
    } else if (text[position] == open) {
      ++depth;
    }
  }
  return position;
}

JsonataError signature_error(std::string_view code, std::size_t offset, std::string value) {
  JsonataError e = error(code, {ErrorInsert::text("value", value)});
  e.position = static_cast<int>(offset);
  return e;
}

}  // namespace

JResult<Signature> Signature::parse(std::string_view text) {
  Signature signature;
  signature.definition_ = std::string(text);
  auto& params = signature.params_;
  Param param;
  for (std::size_t position = 1; position < text.size(); ++position) {
    const char symbol = text[position];
    if (symbol == ':') break;  // the return type is not checked (as in the reference)
    Param* previous = params.empty() ? nullptr : &params.back();
    auto push = [&](std::string accepts) {
      param.type = symbol;
      param.accepts = std::move(accepts);
      params.push_back(std::move(param));
      param = Param{};
    };
    switch (symbol) {
      case 's':
      case 'n':
      case 'b':
      case 'l':
      case 'o': push(std::string{symbol, 'm'}); break;
      case 'a': push("asnblfom"); break;
      case 'f': push("f"); break;
      case 'j': push("asnblom"); break;
      case 'x': push("asnblfom"); break;
      case '-':
        if (previous) {
          previous->context = true;
          previous->quantifier = '?';
        }
        break;
      case '?':
      case '+':
        if (previous) previous->quantifier = symbol;
        break;
      case '(': {
        const std::size_t end = closing_bracket(text, position, '(', ')');
        std::string choice(text.substr(position + 1, end - position - 1));
        if (choice.find('<') != std::string::npos) return std::unexpected(signature_error("S0402", position, choice));
        param.type = '(';
        param.choice = choice;
        param.accepts = choice + "m";
        params.push_back(std::move(param));
        param = Param{};
        position = end;
        break;
      }
      case '<': {
        if (!previous || (previous->type != 'a' && previous->type != 'f'))
          return std::unexpected(
              signature_error("S0401", position, previous ? std::string(1, previous->type) : std::string()));
        const std::size_t end = closing_bracket(text, position, '<', '>');
        previous->subtype = std::string(text.substr(position + 1, end - position - 1));
        position = end;
        break;
      }
      default: break;  // '>' and anything the reference ignores
    }
  }
  return signature;
}

bool Signature::match_from(std::size_t param, std::size_t pos, std::string_view symbols, bool anchored_end,
                           std::vector<std::string>& taken) const {
  if (param == params_.size()) return !anchored_end || pos == symbols.size();
  const Param& p = params_[param];
  // How many symbols this parameter can take, most first (regex quantifiers are greedy).
  std::size_t most = 0;
  while (pos + most < symbols.size() && p.accepts.find(symbols[pos + most]) != std::string::npos) ++most;
  std::size_t least = p.quantifier == '?' ? 0 : 1;
  if (p.quantifier != '+') most = std::min<std::size_t>(most, 1);
  for (std::size_t count = most + 1; count-- > least;) {
    taken[param] = std::string(symbols.substr(pos, count));
    if (match_from(param + 1, pos + count, symbols, anchored_end, taken)) return true;
    if (count == 0) break;
  }
  return false;
}

std::optional<std::vector<std::string>> Signature::match(std::string_view symbols) const {
  std::vector<std::string> taken(params_.size());
  if (!match_from(0, 0, symbols, true, taken)) return std::nullopt;
  return taken;
}

std::size_t Signature::first_mismatch(std::string_view symbols) const {
  // Like the reference: match the first 1, 2, … parameters (unanchored at the end); where they
  // stop matching, the argument after the matched prefix is the bad one.
  std::size_t good_to = 0;
  for (std::size_t n = 1; n <= params_.size(); ++n) {
    Signature prefix;
    prefix.params_.assign(params_.begin(), params_.begin() + static_cast<std::ptrdiff_t>(n));
    std::vector<std::string> taken(n);
    if (!prefix.match_from(0, 0, symbols, false, taken)) return good_to + 1;
    std::size_t length = 0;
    for (const auto& t : taken) length += t.size();
    good_to = length;
  }
  return good_to + 1;
}

}  // namespace jobflow::jsonata
