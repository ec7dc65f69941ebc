// GitHub in memory, for the unit tests of the whole GitHub loop (the command
// over a fake transport): one repository with one run, its jobs and their
// real logs (tests/github/logs), a pull request with its comments, files and
// review comments. Log downloads redirect to a blob host on another origin,
// as GitHub's do. The end-to-end tests (tests/github) run the binary against
// fake_github.py over real HTTP instead.
#pragma once

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "github/fake_transport.h"
#include "github/payloads.h"
#include "test_support.h"

namespace ci_triage::testing {

class FakeGitHub {
 public:
  static constexpr const char* kApi = "https://api.github.com";
  static constexpr const char* kBlob = "https://results-receiver.blob.example";
  static constexpr const char* kRepo = "octo-org/octo-repo";
  static constexpr std::uint64_t kRun = 19123456789;
  static constexpr int kPr = 42;
  static constexpr const char* kHeadSha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

  struct Job {
    std::uint64_t id = 0;
    std::string name;
    std::string status = "completed";
    std::string conclusion = "failure";
    std::string log;         ///< the log's text
    std::string steps_json;  ///< "" = derived from the log, as GitHub lists them
    std::string runner_name;
    int log_status = 200;  ///< the logs endpoint's answer (410: expired)
  };
  struct Comment {
    std::uint64_t id = 0;
    std::string body;
  };

  std::vector<Job> jobs;
  std::vector<Comment> comments;         ///< the PR's issue comments, oldest first
  std::vector<Comment> review_comments;  ///< the PR's review comments
  std::string pr_files_json = "[]";
  bool can_write = true;         ///< false: comment writes answer 403 (a fork's token)
  bool can_read_actions = true;  ///< false: the jobs list answers 403
  std::map<std::string, std::vector<http::Response>> faults;  ///< URL regex → answers, before the real one

  FakeGitHub() { install(); }

  http::Transport& transport() { return t_; }
  FakeTransport& fake() { return t_; }

  /// A failed job whose log is tests/github/logs/NAME (steps derived from it).
  Job& failed_job(std::uint64_t id, const std::string& name, const std::string& log_file) {
    Job j;
    j.id = id;
    j.name = name;
    j.log = source_file("tests/github/logs/" + log_file);
    j.runner_name = fmt::format("GitHub Actions {}", id % 1000);
    jobs.push_back(std::move(j));
    return jobs.back();
  }
  Job& passed_job(std::uint64_t id, const std::string& name) {
    Job j;
    j.id = id;
    j.name = name;
    j.conclusion = "success";
    jobs.push_back(std::move(j));
    return jobs.back();
  }

  /// GitHub's steps[] for a log: `Set up job` up to the first `##[group]Run `, one
  /// step per `##[group]Run X`, `Complete job` from `Cleaning up orphan processes`;
  /// the one holding `##[error]Process completed with exit code` failed.
  static std::string derive_steps(const std::string& log, const std::string& conclusion) {
    struct Seg {
      std::string name;
      bool failed = false;
    };
    std::vector<Seg> segs{{"Set up job", false}};
    static const std::regex kTs(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z )");
    std::size_t p = 0;
    while (p < log.size()) {
      std::size_t e = log.find('\n', p);
      if (e == std::string::npos) e = log.size();
      std::string line = log.substr(p, e - p);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::smatch m;
      if (std::regex_search(line, m, kTs)) {
        const std::string msg = line.substr(m.length(0));
        if (msg.rfind("##[group]Run ", 0) == 0) {
          std::string head = msg.substr(13);
          while (!head.empty() && head.back() == ' ') head.pop_back();
          segs.push_back({"Run " + head, false});
        } else if (msg.rfind("Cleaning up orphan processes", 0) == 0) {
          segs.push_back({"Complete job", false});
        }
        if (msg.find("##[error]Process completed with exit code") != std::string::npos)
          segs.back().failed = true;
      }
      p = e + 1;
    }
    std::string out = "[";
    for (std::size_t i = 0; i < segs.size(); ++i)
      out += (i ? "," : "") +
             fmt::format(R"({{"number":{},"name":{},"status":"completed","conclusion":"{}"}})", i + 1,
                         github::json_string(segs[i].name), segs[i].failed ? conclusion : "success");
    return out + "]";
  }

  std::vector<Comment> sticky() const {
    std::vector<Comment> out;
    for (const auto& c : comments)
      if (c.body.find("<!-- ci-triage:sticky") != std::string::npos) out.push_back(c);
    return out;
  }

 private:
  std::string repo_url() const { return std::string(kApi) + "/repos/" + kRepo; }

  std::string job_json(const Job& j) const {
    const std::string steps =
        !j.steps_json.empty() ? j.steps_json : (j.log.empty() ? "[]" : derive_steps(j.log, j.conclusion));
    return fmt::format(
        R"({{"id":{},"run_id":{},"name":{},"status":"{}","conclusion":{},"started_at":"2025-04-14T21:55:00Z","runner_name":{},"workflow_name":"CI","steps":{}}})",
        j.id, kRun, github::json_string(j.name), j.status,
        j.status == "completed" ? "\"" + j.conclusion + "\"" : "null", github::json_string(j.runner_name),
        steps);
  }

  static std::string comments_json(const std::vector<Comment>& list, std::size_t from, std::size_t to) {
    std::string out = "[";
    for (std::size_t i = from; i < to && i < list.size(); ++i)
      out +=
          (i > from ? "," : "") +
          fmt::format(R"({{"id":{},"body":{},"html_url":"https://github.com/{}/pull/{}#issuecomment-{}"}})",
                      list[i].id, github::json_string(list[i].body), kRepo, kPr, list[i].id);
    return out + "]";
  }

  // A page of 100 of `list`, with a link to the next one.
  static http::Response paged(const std::string& url, std::size_t total,
                              const std::function<std::string(std::size_t, std::size_t)>& page) {
    static const std::regex kPage(R"(&page=(\d+))");
    std::smatch m;
    std::size_t n = std::regex_search(url, m, kPage) ? std::stoul(m[1]) : 1;
    http::Response r = reply(200, page((n - 1) * 100, n * 100));
    if (n * 100 < total) {
      const std::string base = std::regex_replace(url, kPage, "");
      r.headers["link"] = "<" + base + "&page=" + std::to_string(n + 1) + ">; rel=\"next\"";
    }
    return r;
  }

  std::optional<http::Response> fault(const std::string& url) {
    for (auto& [re, answers] : faults)
      if (!answers.empty() && std::regex_search(url, std::regex(re))) {
        http::Response r = answers.front();
        answers.erase(answers.begin());
        return r;
      }
    return std::nullopt;
  }

  void install() {
    t_.route("", ".", [this](const http::Request& rq) -> http::Response {
      if (auto f = fault(rq.url)) return *f;
      return respond(rq);
    });
  }

  http::Response respond(const http::Request& rq) {
    const std::string base = repo_url();
    const std::string& u = rq.url;
    std::smatch m;
    if (rq.method == "GET" &&
        std::regex_search(u, m, std::regex("/actions/runs/(\\d+)/attempts/\\d+/jobs\\?"))) {
      if (!can_read_actions)
        return reply(403, R"({"message":"Resource not accessible by integration"})",
                     {{"x-accepted-github-permissions", "actions=read"}});
      return paged(u, jobs.size(), [this](std::size_t from, std::size_t to) {
        std::string out = fmt::format(R"({{"total_count":{},"jobs":[)", jobs.size());
        for (std::size_t i = from; i < to && i < jobs.size(); ++i)
          out += (i > from ? "," : "") + job_json(jobs[i]);
        return out + "]}";
      });
    }
    if (rq.method == "GET" && std::regex_search(u, m, std::regex("/actions/jobs/(\\d+)/logs$"))) {
      for (const auto& j : jobs)
        if (std::to_string(j.id) == m[1].str()) {
          if (j.log_status != 200) return reply(j.log_status, R"({"message":"Gone"})");
          return reply(302, "",
                       {{"location", std::string(kBlob) + "/logs/" + m[1].str() + ".txt?sig=secret"}});
        }
      return reply(404, R"({"message":"Not Found"})");
    }
    if (rq.method == "GET" &&
        std::regex_search(u, m, std::regex("^https://results-receiver\\.blob\\.example/logs/(\\d+)\\.txt"))) {
      for (const auto& j : jobs)
        if (std::to_string(j.id) == m[1].str()) return reply(200, j.log);
    }
    const std::string issue = fmt::format("/issues/{}/comments", kPr);
    if (u.find(issue) != std::string::npos && rq.method == "GET")
      return paged(u, comments.size(),
                   [this](std::size_t from, std::size_t to) { return comments_json(comments, from, to); });
    if (u.find(issue) != std::string::npos && rq.method == "POST") {
      if (!can_write) return forbidden();
      comments.push_back({next_id_++, body_of(rq)});
      return created(comments.back());
    }
    if (std::regex_search(u, m, std::regex("/issues/comments/(\\d+)$"))) {
      const std::uint64_t id = std::stoull(m[1]);
      auto it = std::find_if(comments.begin(), comments.end(), [&](const Comment& c) { return c.id == id; });
      if (it == comments.end()) return reply(404, R"({"message":"Not Found"})");
      if (!can_write) return forbidden();
      if (rq.method == "PATCH") {
        it->body = body_of(rq);
        return created(*it, 200);
      }
      if (rq.method == "DELETE") {
        comments.erase(it);
        return reply(204);
      }
    }
    const std::string pulls = fmt::format("/pulls/{}/", kPr);
    if (u.find(pulls + "files") != std::string::npos) return reply(200, pr_files_json);
    if (u.find(pulls + "comments") != std::string::npos && rq.method == "GET")
      return reply(200, comments_json(review_comments, 0, review_comments.size()));
    if (u.find(pulls + "comments") != std::string::npos && rq.method == "POST") {
      if (!can_write) return forbidden();
      review_comments.push_back({next_id_++, body_of(rq)});
      return created(review_comments.back());
    }
    if (rq.method == "GET" && (u.find(base + "/pulls?") == 0 || u.find("/commits/") != std::string::npos))
      return reply(
          200,
          fmt::format(R"([{{"number":{},"state":"open","head":{{"sha":"{}","ref":"fix-crypto-import"}}}}])",
                      kPr, kHeadSha));
    return reply(404, R"({"message":"Not Found"})");
  }

  static http::Response forbidden() {
    return reply(403, R"({"message":"Resource not accessible by integration"})",
                 {{"x-accepted-github-permissions", "issues=write; pull_requests=write"}});
  }
  static http::Response created(const Comment& c, long status = 201) {
    return reply(status,
                 fmt::format(R"({{"id":{},"body":{},"html_url":"https://github.com/{}/pull/{}#c{}"}})", c.id,
                             github::json_string(c.body), kRepo, kPr, c.id));
  }
  // The "body" string of a JSON request body.
  static std::string body_of(const http::Request& rq) {
    rapidjson::Document d;
    d.Parse(rq.body.data(), rq.body.size());
    return d.IsObject() && d.HasMember("body") && d["body"].IsString() ? d["body"].GetString() : "";
  }

  FakeTransport t_;
  std::uint64_t next_id_ = 2512345600100;
};

}  // namespace ci_triage::testing
