#include "executor/local/spawn_protocol.h"

#include <cstring>

namespace jobflow::executor {
namespace {

constexpr std::uint32_t kRequestTag = 0x4a465251;  // "JFRQ"
constexpr std::uint32_t kReplyTag = 0x4a465250;    // "JFRP"

class Writer {
 public:
  void u32(std::uint32_t value) { raw(&value, sizeof value); }
  void i64(std::int64_t value) { raw(&value, sizeof value); }
  void str(std::string_view value) {
    u32(static_cast<std::uint32_t>(value.size()));
    out_.append(value);
  }
  std::string take() { return std::move(out_); }

 private:
  void raw(const void* data, std::size_t size) { out_.append(static_cast<const char*>(data), size); }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool u32(std::uint32_t& value) { return raw(&value, sizeof value); }
  bool i64(std::int64_t& value) { return raw(&value, sizeof value); }
  bool str(std::string& value) {
    std::uint32_t size = 0;
    if (!u32(size) || size > in_.size()) return false;
    value.assign(in_.substr(0, size));
    in_.remove_prefix(size);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  bool raw(void* data, std::size_t size) {
    if (in_.size() < size) return false;
    std::memcpy(data, in_.data(), size);
    in_.remove_prefix(size);
    return true;
  }
  std::string_view in_;
};

}  // namespace

std::string encode(const SpawnRequest& request) {
  Writer w;
  w.u32(kRequestTag);
  w.str(request.job_id);
  w.str(request.run_dir);
  w.str(request.log_dir);
  w.str(request.working_dir);
  w.str(request.label);
  w.str(request.cgroup_root);
  w.u32(request.merge_stderr ? 1 : 0);
  w.u32(static_cast<std::uint32_t>(request.argv.size()));
  for (const auto& arg : request.argv) w.str(arg);
  w.u32(static_cast<std::uint32_t>(request.env.size()));
  for (const auto& [name, value] : request.env) {
    w.str(name);
    w.str(value);
  }
  return w.take();
}

std::optional<SpawnRequest> decode_request(std::string_view bytes) {
  Reader r(bytes);
  SpawnRequest request;
  std::uint32_t tag = 0;
  if (!r.u32(tag) || tag != kRequestTag) return std::nullopt;
  if (!r.str(request.job_id) || !r.str(request.run_dir) || !r.str(request.log_dir) ||
      !r.str(request.working_dir) || !r.str(request.label) || !r.str(request.cgroup_root)) {
    return std::nullopt;
  }
  std::uint32_t merge = 0;
  if (!r.u32(merge) || merge > 1) return std::nullopt;
  request.merge_stderr = merge == 1;
  std::uint32_t argc = 0;
  if (!r.u32(argc) || argc > bytes.size()) return std::nullopt;
  request.argv.resize(argc);
  for (auto& arg : request.argv) {
    if (!r.str(arg)) return std::nullopt;
  }
  std::uint32_t envc = 0;
  if (!r.u32(envc) || envc > bytes.size()) return std::nullopt;
  request.env.resize(envc);
  for (auto& [name, value] : request.env) {
    if (!r.str(name) || !r.str(value)) return std::nullopt;
  }
  if (!r.done()) return std::nullopt;
  return request;
}

std::string encode(const SpawnReply& reply) {
  Writer w;
  w.u32(kReplyTag);
  w.u32(reply.ok ? 1 : 0);
  w.i64(reply.supervisor_pid);
  w.str(reply.message);
  return w.take();
}

std::optional<SpawnReply> decode_reply(std::string_view bytes) {
  Reader r(bytes);
  SpawnReply reply;
  std::uint32_t tag = 0;
  std::uint32_t ok = 0;
  if (!r.u32(tag) || tag != kReplyTag || !r.u32(ok) || !r.i64(reply.supervisor_pid) ||
      !r.str(reply.message) || !r.done()) {
    return std::nullopt;
  }
  reply.ok = ok != 0;
  return reply;
}

}  // namespace jobflow::executor
