#include "jsonata/value/value.h"

#include "jsonata/value/array_data.h"
#include "jsonata/value/object_data.h"

namespace jobflow::jsonata {

Value Value::null() {
  Value v;
  v.kind_ = Kind::kNull;
  return v;
}

Value Value::boolean(bool value) {
  Value v;
  v.kind_ = Kind::kBoolean;
  v.boolean_ = value;
  return v;
}

Value Value::number(double value) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.number_ = value;
  return v;
}

Value Value::string(std::string value) {
  Value v;
  v.kind_ = Kind::kString;
  v.storage_ = Storage::kOwned;
  v.owned_ = std::make_shared<std::string>(std::move(value));
  return v;
}

Value Value::borrowed(const boost::json::value& json) {
  Value v;
  v.storage_ = Storage::kJson;
  v.json_ = &json;
  switch (json.kind()) {
    case boost::json::kind::null: v.kind_ = Kind::kNull; break;
    case boost::json::kind::bool_: v.kind_ = Kind::kBoolean; break;
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: v.kind_ = Kind::kNumber; break;
    case boost::json::kind::string: v.kind_ = Kind::kString; break;
    case boost::json::kind::array: v.kind_ = Kind::kArray; break;
    case boost::json::kind::object: v.kind_ = Kind::kObject; break;
  }
  return v;
}

Value Value::array(std::shared_ptr<ArrayData> array) {
  Value v;
  v.kind_ = Kind::kArray;
  v.storage_ = Storage::kOwned;
  v.owned_ = std::move(array);
  return v;
}

Value Value::object(std::shared_ptr<ObjectData> object) {
  Value v;
  v.kind_ = Kind::kObject;
  v.storage_ = Storage::kOwned;
  v.owned_ = std::move(object);
  return v;
}

Value Value::function(std::shared_ptr<const FunctionData> function) {
  Value v;
  v.kind_ = Kind::kFunction;
  v.storage_ = Storage::kOwned;
  v.owned_ = std::const_pointer_cast<FunctionData>(std::move(function));
  return v;
}

bool Value::as_boolean() const {
  if (kind_ != Kind::kBoolean) return false;
  return storage_ == Storage::kJson ? json_->get_bool() : boolean_;
}

double Value::as_number() const {
  if (kind_ != Kind::kNumber) return 0;
  if (storage_ != Storage::kJson) return number_;
  switch (json_->kind()) {
    case boost::json::kind::int64: return static_cast<double>(json_->get_int64());
    case boost::json::kind::uint64: return static_cast<double>(json_->get_uint64());
    default: return json_->get_double();
  }
}

std::string_view Value::as_string() const {
  if (kind_ != Kind::kString) return {};
  if (storage_ == Storage::kJson) return json_->get_string();
  return *static_cast<const std::string*>(owned_.get());
}

std::size_t Value::size() const {
  if (kind_ != Kind::kArray) return 0;
  if (storage_ == Storage::kJson) return json_->get_array().size();
  return static_cast<const ArrayData*>(owned_.get())->items.size();
}

Value Value::at(std::size_t index) const {
  if (kind_ != Kind::kArray) return {};
  if (storage_ == Storage::kJson) {
    const auto& array = json_->get_array();
    return index < array.size() ? borrowed(array[index]) : Value();
  }
  const auto& items = static_cast<const ArrayData*>(owned_.get())->items;
  return index < items.size() ? items[index] : Value();
}

ArrayData* Value::owned_array() const {
  return kind_ == Kind::kArray && storage_ == Storage::kOwned ? static_cast<ArrayData*>(owned_.get()) : nullptr;
}

bool Value::is_sequence() const {
  auto* a = owned_array();
  return a && a->sequence;
}
bool Value::keep_singleton() const {
  auto* a = owned_array();
  return a && a->keep_singleton;
}
bool Value::is_cons() const {
  auto* a = owned_array();
  return a && a->cons;
}
bool Value::outer_wrapper() const {
  auto* a = owned_array();
  return a && a->outer_wrapper;
}
bool Value::is_tuple_stream() const {
  auto* a = owned_array();
  return a && a->tuple_stream;
}

std::size_t Value::object_size() const {
  if (kind_ != Kind::kObject) return 0;
  if (storage_ == Storage::kJson) return json_->get_object().size();
  return static_cast<const ObjectData*>(owned_.get())->size();
}

Value Value::get(std::string_view key) const {
  if (kind_ != Kind::kObject) return {};
  if (storage_ == Storage::kJson) {
    const auto* member = json_->get_object().if_contains(key);
    return member ? borrowed(*member) : Value();
  }
  const Value* member = static_cast<const ObjectData*>(owned_.get())->find(key);
  return member ? *member : Value();
}

ObjectData* Value::owned_object() const {
  return kind_ == Kind::kObject && storage_ == Storage::kOwned ? static_cast<ObjectData*>(owned_.get()) : nullptr;
}

const FunctionData& Value::as_function() const { return *static_cast<const FunctionData*>(owned_.get()); }

std::shared_ptr<const FunctionData> Value::function_pointer() const {
  if (kind_ != Kind::kFunction) return nullptr;
  return std::static_pointer_cast<const FunctionData>(owned_);
}

char Value::type_symbol() const {
  switch (kind_) {
    case Kind::kUndefined: return 'm';
    case Kind::kNull: return 'l';
    case Kind::kBoolean: return 'b';
    case Kind::kNumber: return 'n';
    case Kind::kString: return 's';
    case Kind::kArray: return 'a';
    case Kind::kObject: return 'o';
    case Kind::kFunction: return 'f';
  }
  return 'm';
}

}  // namespace jobflow::jsonata
