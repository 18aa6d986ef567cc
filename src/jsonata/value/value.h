#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace jobflow::jsonata {

struct ArrayData;
class ObjectData;
struct FunctionData;  // defined by the evaluator: lambdas, built-in functions, partial applications, regexes

// A JSONata value: undefined (no value), null, boolean, number (a double, as in JavaScript),
// string (UTF-8), array, object or function.
//
// Input data is not copied: a value made with `borrowed` points into a boost::json document that
// the caller keeps alive for the whole evaluation, and so do its members, as they are read. What
// the evaluator builds (sequences, constructed arrays and objects, strings, numbers) is owned and
// shared: copying a Value copies a pointer, never a document.
//
// Arrays carry the reference implementation's flags (on owned arrays only; a borrowed JSON array
// has none): `sequence` (a result sequence, flattened and unwrapped by the rules of paths),
// `keep_singleton` (`[]`), `cons` (built by an array constructor), `outer_wrapper` and
// `tuple_stream`.
class Value {
 public:
  enum class Kind : std::uint8_t { kUndefined, kNull, kBoolean, kNumber, kString, kArray, kObject, kFunction };

  Value() = default;  // undefined
  static Value null();
  static Value boolean(bool value);
  static Value number(double value);
  static Value string(std::string value);
  static Value borrowed(const boost::json::value& json);
  static Value array(std::shared_ptr<ArrayData> array);
  static Value object(std::shared_ptr<ObjectData> object);
  static Value function(std::shared_ptr<const FunctionData> function);

  Kind kind() const { return kind_; }
  bool is_undefined() const { return kind_ == Kind::kUndefined; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_boolean() const { return kind_ == Kind::kBoolean; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }
  bool is_function() const { return kind_ == Kind::kFunction; }

  bool as_boolean() const;
  double as_number() const;
  std::string_view as_string() const;

  // Arrays, borrowed or owned.
  std::size_t size() const;
  Value at(std::size_t index) const;
  // The owned array behind this value (flags, building), or nullptr for a borrowed JSON array.
  ArrayData* owned_array() const;
  bool is_sequence() const;
  bool keep_singleton() const;
  bool is_cons() const;
  bool outer_wrapper() const;
  bool is_tuple_stream() const;

  // Objects, borrowed or owned.
  std::size_t object_size() const;
  // The member named `key`, or undefined.
  Value get(std::string_view key) const;
  // Every member in JavaScript's key order (integer-like keys first, ascending; then the others
  // in insertion order): f(std::string_view key, const Value& value). Defined in object_data.h.
  template <class F>
  void for_each_member(F&& f) const;
  ObjectData* owned_object() const;

  const FunctionData& as_function() const;
  std::shared_ptr<const FunctionData> function_pointer() const;

  // The borrowed JSON node, when this value is one (nullptr otherwise).
  const boost::json::value* json() const { return storage_ == Storage::kJson ? json_ : nullptr; }

  // The signature symbol of the value's type: s n b l a o f, m for undefined.
  char type_symbol() const;

 private:
  enum class Storage : std::uint8_t { kInline, kJson, kOwned };


  Kind kind_ = Kind::kUndefined;
  Storage storage_ = Storage::kInline;
  union {
    double number_ = 0;
    bool boolean_;
    const boost::json::value* json_;
  };
  std::shared_ptr<void> owned_;  // std::string, ArrayData, ObjectData or FunctionData (by kind_)

  friend class ObjectData;
};

}  // namespace jobflow::jsonata

