// The retry policy: what is retried, after how long, and what never is.
#include "github/retry.h"

#include <boost/test/unit_test.hpp>

#include "github/clock.h"

namespace unit_github_retry_test {

using namespace ci_triage::http;
using std::chrono::milliseconds;

namespace {

Response answer(long status, std::map<std::string, std::string> headers = {}, std::string body = "") {
  Response r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(retry)

BOOST_AUTO_TEST_CASE(server_errors_and_transient_failures_back_off_exponentially) {
  RetryPolicy p(500);
  for (long status : {500L, 502L, 503L, 504L}) {
    const auto d = p.delay(answer(status), TransportFailure::kNone, 1, 0);
    BOOST_REQUIRE(d.has_value());
    BOOST_TEST(d->count() >= 375);  // 500 ms ± 25%
    BOOST_TEST(d->count() <= 625);
  }
  const auto third = p.delay(Response{}, TransportFailure::kTransient, 3, 0);
  BOOST_REQUIRE(third.has_value());
  BOOST_TEST(third->count() >= 1500);  // 2 s ± 25%
  BOOST_TEST(third->count() <= 2500);
  BOOST_TEST(!p.delay(Response{}, TransportFailure::kPermanent, 1, 0).has_value());
}

BOOST_AUTO_TEST_CASE(rate_limits_wait_as_github_says) {
  RetryPolicy p;
  BOOST_TEST(p.delay(answer(429, {{"retry-after", "2"}}), TransportFailure::kNone, 1, 0).value() ==
             milliseconds(2000));
  BOOST_TEST(p.delay(answer(429), TransportFailure::kNone, 1, 0).value() == milliseconds(60'000));
  // Primary limit: until x-ratelimit-reset, plus a second.
  const auto primary =
      answer(403, {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "1000005"}}, R"({"message":"x"})");
  BOOST_TEST(p.delay(primary, TransportFailure::kNone, 1, 1000000).value() == milliseconds(6000));
  BOOST_TEST(p.delay(primary, TransportFailure::kNone, 1, 2000000).value() == milliseconds(1000));
  // Secondary limit: Retry-After, else a minute.
  BOOST_TEST(p.delay(answer(403, {{"retry-after", "1"}}), TransportFailure::kNone, 1, 0).value() ==
             milliseconds(1000));
  BOOST_TEST(p.delay(answer(403, {}, R"({"message":"You have exceeded a secondary rate limit"})"),
                     TransportFailure::kNone, 1, 0)
                 .value() == milliseconds(60'000));
  BOOST_TEST(RetryPolicy::rate_limit(answer(403), TransportFailure::kNone));
  BOOST_TEST(!RetryPolicy::rate_limit(answer(500), TransportFailure::kNone));
}

BOOST_AUTO_TEST_CASE(refusals_answers_and_partial_bodies_are_never_retried) {
  RetryPolicy p;
  // A permission problem is an answer, not a rate limit.
  BOOST_TEST(!p.delay(answer(403, {}, R"({"message":"Resource not accessible by integration"})"),
                      TransportFailure::kNone, 1, 0)
                  .has_value());
  for (long status : {200L, 201L, 302L, 404L, 410L, 422L})
    BOOST_TEST(!p.delay(answer(status), TransportFailure::kNone, 1, 0).has_value());
  // What arrived of a streamed log is kept: a retry would start it over.
  Response partial = answer(200);
  partial.partial = true;
  BOOST_TEST(!p.delay(partial, TransportFailure::kTransient, 1, 0).has_value());
}

BOOST_AUTO_TEST_CASE(virtual_clock_moves_when_it_sleeps) {
  VirtualClock c;
  const auto t0 = c.now();
  const auto e0 = c.epoch_seconds();
  c.sleep_for(milliseconds(90'000));  // returns at once
  BOOST_TEST(std::chrono::duration_cast<milliseconds>(c.now() - t0).count() >= 90'000);
  BOOST_TEST(c.epoch_seconds() - e0 >= 90);
  BOOST_TEST(c.slept() == milliseconds(90'000));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace unit_github_retry_test
