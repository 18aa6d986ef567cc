#include "store/memory/memory_store.h"

#include <memory>

#include "unit/store/store_contract.h"

namespace jobflow::store {
namespace {

struct MemoryStoreFactory {
  std::unique_ptr<Store> make() { return std::make_unique<MemoryStore>(); }
};

}  // namespace

namespace contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Memory, StoreContract, ::testing::Types<MemoryStoreFactory>);
}  // namespace contract

}  // namespace jobflow::store
