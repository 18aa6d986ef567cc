#pragma once

#include <vector>

#include "asl/value/json.h"
#include "asl/value/scope.h"
#include "jsonata/eval/frame.h"

namespace jobflow::asl {

// The functions Step Functions adds to JSONata, in a frame whose parent is
// jsonata::standard_library(), built once and shared (read-only) by every evaluation:
//   $partition(array, size)       chunks of `size` items, the last one shorter
//   $range(start, end, step)      start, start+step, ... up to end (inclusive); one item → the item
//   $hash(data, algorithm)        hex digest; MD5, SHA-1, SHA-256, SHA-384, SHA-512
//   $random([seed])               a number in [0, 1); with a seed, java.util.Random(seed)
//   $uuid()                       a version 4 UUID
//   $parse(jsonString)            the JSON value the text holds
// and `$eval` bound to nothing, so a call answers T1006 "Attempted to invoke a non-function", as
// AWS does. See README.md for each behaviour and its evidence.
jsonata::FramePtr step_functions_library();

// What the library needs from the evaluation running on this thread, installed for the duration
// of one evaluation (JsonataTemplate::evaluate does it): the Random that $random() and $uuid()
// draw from (asl/ does no I/O: without one they fail the evaluation), and a home for the documents
// $parse reads, so that its result borrows them (exact integers, no conversion) until the
// evaluation's result has been copied out. Without a scope, $parse builds owned values (doubles).
class LibraryScope {
 public:
  explicit LibraryScope(Random* random);
  ~LibraryScope();
  LibraryScope(const LibraryScope&) = delete;
  LibraryScope& operator=(const LibraryScope&) = delete;

  // The scope installed on this thread, or nullptr.
  static LibraryScope* current();

  Random* random() const { return random_; }
  // Keeps `document` alive as long as the scope; returns it.
  const Json& keep(JsonPtr document);

 private:
  Random* random_;
  std::vector<JsonPtr> documents_;
  LibraryScope* previous_;
};

}  // namespace jobflow::asl
