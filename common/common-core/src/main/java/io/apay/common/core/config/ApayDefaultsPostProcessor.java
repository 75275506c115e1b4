package io.apay.common.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Settings every service shares live once, in the common modules, as {@code apay-defaults/*.yml} (and
 * {@code apay-defaults/<profile>/*.yml} for an active profile). They are added with the LOWEST precedence, so a
 * service's own application.yml, environment variables and Nacos always win over them.
 */
public class ApayDefaultsPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String LOCATION = "classpath*:apay-defaults/";

    @Override
    public int getOrder() {
        // after config data (profiles are known), before anything that reads these settings
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String[] profiles = environment.getActiveProfiles().length > 0
                ? environment.getActiveProfiles() : environment.getDefaultProfiles();
        List<PropertySource<?>> sources = new ArrayList<>();
        // later profiles win over earlier ones, and any profile wins over the base defaults
        List<String> reversed = new ArrayList<>(Arrays.asList(profiles));
        Collections.reverse(reversed);
        for (String profile : reversed) {
            sources.addAll(load(LOCATION + profile + "/*.yml", "apay-defaults[" + profile + "]"));
        }
        sources.addAll(load(LOCATION + "*.yml", "apay-defaults"));
        for (PropertySource<?> source : sources) {
            environment.getPropertySources().addLast(source);
        }
    }

    private static List<PropertySource<?>> load(String pattern, String prefix) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
            Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
            YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
            List<PropertySource<?>> sources = new ArrayList<>();
            for (Resource resource : resources) {
                sources.addAll(loader.load(prefix + ":" + resource.getFilename(), resource));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pattern, e);
        }
    }
}
