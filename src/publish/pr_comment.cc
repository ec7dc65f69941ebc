#include "publish/pr_comment.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "core/text.h"
#include "report/suggestions.h"

namespace ci_triage::publish {

Published SuggestionsPublisher::publish(const Report& report, const Published&) {
  Published out;
  std::vector<const Finding*> with_patch;
  for (const auto& j : report.jobs)
    for (const auto& f : j.findings)
      if (f.patch && !f.patch->diff.empty()) with_patch.push_back(&f);
  if (with_patch.empty() || head_sha_.empty()) return out;
  auto files = client_.list_pr_files(pr_);
  if (!files.ok()) {
    out.log.push_back("no suggestions: " + files.error->message);
    return out;
  }
  std::map<std::string, DiffLines> diff;
  for (const auto& f : files.value) diff[f.filename] = right_side_lines(f.patch);
  std::optional<std::vector<github::Comment>> existing;
  for (const Finding* f : with_patch) {
    const auto sugg = suggestions_from_patch(*f->patch);
    if (sugg.empty()) continue;
    bool all_fit = true;
    for (const auto& sg : sugg) {
      const auto it = diff.find(sg.path);
      all_fit = all_fit && it != diff.end() && fits_pr_diff(sg, it->second);
    }
    if (!all_fit) continue;  // shown as a diff block instead
    if (!existing) {
      auto list = client_.list_review_comments(pr_);
      if (!list.ok()) {
        out.log.push_back("no suggestions: " + list.error->message);
        return out;
      }
      existing = std::move(list.value);
    }
    std::string url;
    for (const auto& sg : sugg) {
      const std::string marker = suggestion_marker(sg);
      const auto same = std::find_if(existing->begin(), existing->end(), [&](const github::Comment& c) {
        return c.body.find(marker) != std::string::npos;
      });
      if (same != existing->end()) {
        if (url.empty()) url = same->html_url;
        continue;
      }
      auto posted = client_.create_review_comment(pr_, head_sha_, sg.path, sg.start_line, sg.line,
                                                  suggestion_body(sg, *f->patch));
      if (!posted.ok()) {
        out.log.push_back("suggestion not posted: " + posted.error->message);
        url.clear();
        break;
      }
      if (url.empty()) url = posted.value.html_url.empty() ? "#" : posted.value.html_url;
    }
    if (!url.empty()) out.delivery.suggestion_urls[f] = url;
  }
  return out;
}

Published StickyCommentPublisher::publish(const Report& report, const Published& before) {
  Published out;
  const bool failed = !report.jobs.empty();
  const std::string marker = sticky_marker(report.run ? report.run->workflow : "");
  auto refused = [&](const github::ApiError& e) {
    if (e.status == 403 && !e.rate_limited) {
      out.delivery.notices.push_back(fmt::format(
          "No comment on PR #{}: the token may not write to pull requests (HTTP 403{}). Give the job "
          "`permissions: pull-requests: write`; for pull requests from forks, whose token is read-only, use "
          "the workflow_run set-up from the README. The summary and annotations are complete.",
          pr_,
          e.accepted_permissions.empty() ? "" : "; accepted: " + sanitize_utf8(e.accepted_permissions, 80)));
    } else {
      out.delivery.notices.push_back(fmt::format("No comment on PR #{}: {}", pr_, e.message));
    }
    return out;
  };
  auto list = client_.list_comments(pr_, marker);
  // Past the first 10,000 comments ours may still exist: one found is the oldest
  // (the list is oldest first) and is edited; none found means none is posted.
  if (!list.ok() && !(list.error->incomplete && !list.value.empty())) {
    if (!list.error->incomplete) return refused(*list.error);
    if (!failed && mode_ != CommentMode::kAlways) return out;  // nothing to post or resolve
    out.delivery.notices.push_back(
        fmt::format("No comment on PR #{}: it has more comments than ci-triage reads (10,000), so it could "
                    "not make sure that it has not commented already.",
                    pr_));
    return out;
  }
  std::vector<github::Comment> ours = std::move(list.value);
  std::sort(ours.begin(), ours.end(), [](auto& a, auto& b) { return a.id < b.id; });

  std::string body;
  if (failed) {
    body = render_pr_comment(report, before.delivery, marker);
  } else if (!ours.empty() || mode_ == CommentMode::kAlways) {
    body = render_resolved_comment(report, marker);
  } else {
    out.log.push_back("the run has no failed job and there is no earlier comment: nothing to post");
    return out;
  }
  if (ours.empty()) {
    auto created = client_.create_comment(pr_, body);
    if (!created.ok()) return refused(*created.error);
    out.log.push_back(fmt::format("commented on PR #{}", pr_));
    // Another writer (a matrix leg, a rerun) may have created one at the same
    // time: the oldest marker comment wins, newer ones are folded into it.
    auto again = client_.list_comments(pr_, marker);
    if (!again.ok()) return out;
    std::uint64_t oldest = created.value.id;
    for (const auto& c : again.value) oldest = std::min(oldest, c.id);
    if (oldest != created.value.id) {
      auto upd = client_.update_comment(oldest, body);
      if (upd.ok()) client_.delete_comment(created.value.id);
    }
    return out;
  }
  const github::Comment& keep = ours.front();
  if (keep.body != body) {
    auto upd = client_.update_comment(keep.id, body);
    if (!upd.ok()) return refused(*upd.error);
    out.log.push_back(fmt::format("updated the comment on PR #{}", pr_));
  }
  for (std::size_t i = 1; i < ours.size(); ++i) client_.delete_comment(ours[i].id);
  return out;
}

}  // namespace ci_triage::publish
