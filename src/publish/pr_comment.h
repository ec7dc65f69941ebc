// The pull request side: one-click review suggestions for patches on lines of
// the PR's diff, and the one sticky comment (found by its hidden marker,
// edited in place, folded when two writers raced).
#pragma once

#include <string>

#include "github/client.h"
#include "publish/publisher.h"

namespace ci_triage::publish {

enum class CommentMode { kAuto, kAlways, kNever };

/// Posts a review suggestion for each patch whose every replaced line is in
/// the PR's diff, one by one (a review is all-or-nothing), never twice (a
/// marker per suggestion). Returns the suggestions' URLs by finding.
class SuggestionsPublisher : public Publisher {
 public:
  SuggestionsPublisher(github::Client& client, int pr, std::string head_sha)
      : client_(client), pr_(pr), head_sha_(std::move(head_sha)) {}
  Published publish(const Report& report, const Published& before) override;

 private:
  github::Client& client_;
  int pr_;
  std::string head_sha_;
};

/// The sticky comment: the failure report when jobs failed, the resolved note
/// when a run passes again (or always, with kAlways), nothing on a green run
/// without an earlier comment. Its key is the workflow's name (report.run).
/// A token that may not write gives one notice naming the permission.
class StickyCommentPublisher : public Publisher {
 public:
  StickyCommentPublisher(github::Client& client, int pr, CommentMode mode)
      : client_(client), pr_(pr), mode_(mode) {}
  Published publish(const Report& report, const Published& before) override;

 private:
  github::Client& client_;
  int pr_;
  CommentMode mode_;
};

}  // namespace ci_triage::publish
