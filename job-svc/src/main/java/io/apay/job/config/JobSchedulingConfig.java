package io.apay.job.config;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The seed's rule: scheduled jobs run on an async thread pool, not one scheduler thread, so a slow job never
 * delays the others. Every {@code @Scheduled} job method is also {@code @Async(JOB_EXECUTOR)}.
 */
@Configuration
@EnableAsync(proxyTargetClass = true)
public class JobSchedulingConfig {

    public static final String JOB_EXECUTOR = "jobExecutor";

    /** The schedules themselves; off ({@code apay.job.scheduling-enabled=false}) in tests that drive jobs by hand. */
    @Configuration
    @EnableScheduling
    @ConditionalOnProperty(name = "apay.job.scheduling-enabled", havingValue = "true", matchIfMissing = true)
    static class Schedules {
    }

    @Bean(name = JOB_EXECUTOR)
    public Executor jobExecutor(@Value("${apay.job.pool-size:4}") int poolSize) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("job-");
        executor.setCorePoolSize(poolSize);
        executor.setMaxPoolSize(poolSize);
        executor.setQueueCapacity(100);
        // a tick that finds the pool and queue full is skipped rather than piling up; the next tick runs it
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(20);
        executor.initialize();
        return executor;
    }
}
