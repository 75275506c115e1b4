package io.apay.job.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.core.validation.PlainText;
import io.apay.common.web.security.RequiresPermission;
import io.apay.common.web.validation.EnumName;
import io.apay.job.support.JobRun;
import io.apay.job.support.JobRunService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators: the scheduled jobs, their recorded runs, and a run of one now (docs/admin.md, "Job runs"). */
@RestController
@Validated
@RequestMapping("/admin-api/job")
@RequiresPermission(Permission.JOB_READ)
@Tag(name = "jobs", description = "job-svc's scheduled jobs and their runs")
public class JobRunAdminController {

    static final String JOB_NAME = "[a-z0-9-]{1,64}";

    /** Run {@code job} now; {@code day} (ISO date) only for a day-based job, and then required. */
    public record RunRequest(@NotBlank @Pattern(regexp = JOB_NAME) String job, LocalDate day,
                             @NotBlank @Size(max = 255) @PlainText String reason) {
    }

    private final JobRunService runs;

    public JobRunAdminController(JobRunService runs) {
        this.runs = runs;
    }

    @GetMapping("/jobs")
    @Operation(summary = "the jobs job-svc runs: name, schedule, whether a run works on a day")
    public ApiResult<List<JobRunService.JobView>> jobs() {
        return ApiResult.ok(runs.jobs());
    }

    @GetMapping("/runs")
    @Operation(summary = "recorded runs, newest first, optionally of one job and one status")
    public ApiResult<PageResult<JobRun>> runs(@RequestParam(required = false) @Pattern(regexp = JOB_NAME) String job,
                                              @RequestParam(required = false) @EnumName(JobRun.Status.class) String status,
                                              @Valid PageParam page) {
        return ApiResult.ok(runs.runs(job, status == null ? null : JobRun.Status.valueOf(status), page));
    }

    @GetMapping("/runs/{runId}")
    @Operation(summary = "one recorded run")
    public ApiResult<JobRun> get(@PathVariable long runId) {
        return ApiResult.ok(runs.get(runId));
    }

    @RequiresPermission(Permission.JOB_RUN)
    @PostMapping("/runs")
    @Operation(summary = "run a job now (for a day, if it works by day) and answer the recorded run")
    public ApiResult<JobRun> run(@Valid @RequestBody RunRequest request) {
        return ApiResult.ok(runs.runNow(request.job(), request.day(), request.reason()));
    }
}
