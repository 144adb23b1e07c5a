// The leveled logger (node/log.h).
#include <gtest/gtest.h>

#include "node/log.h"

using namespace relay::node;

TEST(Log, ParsesLevels) {
  EXPECT_EQ(parse_log_level("debug"), LogLevel::debug);
  EXPECT_EQ(parse_log_level("info"), LogLevel::info);
  EXPECT_EQ(parse_log_level("warn"), LogLevel::warn);
  EXPECT_EQ(parse_log_level("warning"), LogLevel::warn);
  EXPECT_EQ(parse_log_level("error"), LogLevel::error);
  EXPECT_FALSE(parse_log_level("INFO").has_value());
  EXPECT_FALSE(parse_log_level("").has_value());
}

TEST(Log, LevelFiltersLines) {
  const LogLevel saved = log_level();
  set_log_level(LogLevel::warn);
  EXPECT_FALSE(log_enabled(LogLevel::info));
  EXPECT_TRUE(log_enabled(LogLevel::warn));
  EXPECT_TRUE(log_enabled(LogLevel::error));

  testing::internal::CaptureStderr();
  log_info("hidden", "k", 1);
  log_warn("shown", "peer", "a:1", "n", 2);
  const std::string out = testing::internal::GetCapturedStderr();
  set_log_level(saved);

  EXPECT_EQ(out.find("hidden"), std::string::npos);
  EXPECT_NE(out.find(" warn  shown peer=a:1 n=2\n"), std::string::npos) << out;
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(out[4], '-');
  EXPECT_EQ(out.find('\n'), out.size() - 1) << "one line per event";
}
