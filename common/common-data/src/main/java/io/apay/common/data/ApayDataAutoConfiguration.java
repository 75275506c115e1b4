package io.apay.common.data;

import com.baomidou.mybatisplus.annotation.DbType;
import com.baomidou.mybatisplus.extension.plugins.MybatisPlusInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.PaginationInnerInterceptor;
import com.zaxxer.hikari.HikariDataSource;
import io.apay.common.core.redis.RedisKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * MyBatis-Plus paging (and a guard against UPDATE/DELETE without WHERE), the pool's connections with autocommit
 * switched back lazily, and the Redis key builder.
 */
@AutoConfiguration
public class ApayDataAutoConfiguration {

    @Bean
    @ConditionalOnClass(MybatisPlusInterceptor.class)
    public MybatisPlusInterceptor mybatisPlusInterceptor() {
        MybatisPlusInterceptor interceptor = new WrapOnceMybatisPlusInterceptor();
        PaginationInnerInterceptor pagination = new PaginationInnerInterceptor(DbType.MYSQL);
        pagination.setMaxLimit(100L);
        interceptor.addInnerInterceptor(pagination);
        interceptor.addInnerInterceptor(new CheckedOnceBlockAttackInterceptor());
        return interceptor;
    }

    /** Autocommit switched back only when a statement outside a transaction needs it ({@link DeferredAutoCommit}). */
    @Bean
    @ConditionalOnClass(HikariDataSource.class)
    static BeanPostProcessor deferredAutoCommitUnderThePool() {
        return new DeferredAutoCommit.UnderThePool();
    }

    @Bean
    public RedisKeys redisKeys(@Value("${apay.redis.key-prefix:apay:}") String prefix) {
        return new RedisKeys(prefix);
    }
}
