package io.apay.job.support;

import java.util.List;

/** A component that runs scheduled jobs lists them here, so operators can see them and re-run one by name. */
public interface ClusterJobs {

    List<ClusterJob> jobs();
}
