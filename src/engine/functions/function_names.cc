#include "engine/functions/function_names.h"

#include <fmt/format.h>

#include <chrono>
#include <random>

namespace jobflow::engine::functions {

std::string format_last_modified(TimestampMs ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds{ms}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+0000", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(), hms.subseconds().count());
}

std::string function_arn(std::string_view region, std::string_view account, std::string_view name) {
  return fmt::format("arn:aws:lambda:{}:{}:function:{}", region, account, name);
}

std::string function_not_found_message(std::string_view arn) { return fmt::format("Function not found: {}", arn); }

std::string function_exists_message(std::string_view name) { return fmt::format("Function already exist: {}", name); }

std::string random_uuid() {
  thread_local std::mt19937_64 gen = [] {
    std::random_device random;
    return std::mt19937_64((static_cast<std::uint64_t>(random()) << 32) | random());
  }();
  const std::uint64_t a = gen(), b = gen();
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                     0x8000 | ((b >> 48) & 0x3fff), b & 0xffffffffffffULL);
}

}  // namespace jobflow::engine::functions
