package io.apay.common.data;

import com.baomidou.mybatisplus.extension.plugins.MybatisPlusInterceptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;

/**
 * MyBatis-Plus's interceptor, wrapping what it intercepts as MyBatis's {@code Plugin.wrap} does (MyBatis's own
 * {@link Plugin} is the proxy's handler), with the methods it intercepts and the interfaces to proxy looked up once.
 * MyBatis creates a new executor and statement handler for every statement, and {@code Plugin.wrap} reads the
 * interceptor's {@code @Intercepts} annotation and finds its methods by reflection at each one: 2-3% of otc-svc's
 * and push-svc's CPU per order, for an answer that never changes.
 */
public class WrapOnceMybatisPlusInterceptor extends MybatisPlusInterceptor {

    /**
     * MyBatis's own handler, made with the map read once: MyBatis-Plus's {@code PluginUtils.realTarget} (used by its
     * inner interceptors to reach the statement handler) expects a proxy's handler to be a {@link Plugin}.
     */
    private static final Constructor<Plugin> PLUGIN = pluginConstructor();

    /** The intercepted methods by the interface that declares them, from the class's {@code @Intercepts}. */
    private final Map<Class<?>, Set<Method>> signatures = signatures(MybatisPlusInterceptor.class);

    /** The interfaces of a target class that have intercepted methods (what the proxy implements). */
    private final ClassValue<Class<?>[]> proxiedInterfaces = new ClassValue<>() {
        @Override
        protected Class<?>[] computeValue(Class<?> type) {
            List<Class<?>> found = new ArrayList<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    if (signatures.containsKey(i) && !found.contains(i)) {
                        found.add(i);
                    }
                }
            }
            return found.toArray(new Class<?>[0]);
        }
    };

    @Override
    public Object plugin(Object target) {
        if (!(target instanceof Executor || target instanceof StatementHandler)) {
            return target;
        }
        Class<?>[] interfaces = proxiedInterfaces.get(target.getClass());
        if (interfaces.length == 0) {
            return target;
        }
        InvocationHandler handler;
        try {
            handler = PLUGIN.newInstance(target, this, signatures);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make MyBatis's Plugin", e);
        }
        return Proxy.newProxyInstance(target.getClass().getClassLoader(), interfaces, handler);
    }

    private static Constructor<Plugin> pluginConstructor() {
        try {
            Constructor<Plugin> c = Plugin.class.getDeclaredConstructor(Object.class, Interceptor.class, Map.class);
            c.setAccessible(true);
            return c;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("MyBatis's Plugin has no (target, interceptor, signatureMap) constructor", e);
        }
    }

    static Map<Class<?>, Set<Method>> signatures(Class<?> interceptorClass) {
        Intercepts intercepts = interceptorClass.getAnnotation(Intercepts.class);
        if (intercepts == null) {
            throw new IllegalStateException(interceptorClass.getName() + " has no @Intercepts");
        }
        Map<Class<?>, Set<Method>> map = new HashMap<>();
        for (Signature sig : intercepts.value()) {
            try {
                map.computeIfAbsent(sig.type(), k -> new HashSet<>()).add(sig.type().getMethod(sig.method(), sig.args()));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no method " + sig.method() + " on " + sig.type().getName(), e);
            }
        }
        return Map.copyOf(map);
    }
}
