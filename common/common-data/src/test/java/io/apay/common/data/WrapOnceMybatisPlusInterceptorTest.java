package io.apay.common.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baomidou.mybatisplus.core.toolkit.PluginUtils;
import com.baomidou.mybatisplus.extension.plugins.MybatisPlusInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.InnerInterceptor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.Mockito;

/**
 * The wrap-once interceptor behaves as MyBatis-Plus's own (wrapped by MyBatis's {@code Plugin}): the same methods
 * intercepted, everything else passed straight on, the target's exceptions unwrapped. Each behaviour is checked on
 * both.
 */
class WrapOnceMybatisPlusInterceptorTest {

    static Stream<MybatisPlusInterceptor> interceptors() {
        return Stream.of(new MybatisPlusInterceptor(), new WrapOnceMybatisPlusInterceptor());
    }

    @Test
    void itInterceptsExactlyTheMethodsMyBatisPlusDeclares() throws Exception {
        Method mybatisOwn = Plugin.class.getDeclaredMethod("getSignatureMap", org.apache.ibatis.plugin.Interceptor.class);
        mybatisOwn.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<Class<?>, Set<Method>> expected = (Map<Class<?>, Set<Method>>) mybatisOwn.invoke(null, new MybatisPlusInterceptor());

        assertThat(WrapOnceMybatisPlusInterceptor.signatures(MybatisPlusInterceptor.class)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("interceptors")
    void anUpdateGoesThroughTheInnerInterceptorsThenToTheTarget(MybatisPlusInterceptor interceptor) throws Exception {
        List<String> seen = new ArrayList<>();
        Executor wrapped = wrappedWithRecordingInner(interceptor, seen);

        assertThat(wrapped.update(null, "p")).isEqualTo(1);
        assertThat(seen).containsExactly("inner:beforeUpdate", "target:update");
    }

    @ParameterizedTest
    @MethodSource("interceptors")
    void aMethodNotInterceptedGoesStraightToTheTarget(MybatisPlusInterceptor interceptor) throws Exception {
        List<String> seen = new ArrayList<>();
        Executor wrapped = wrappedWithRecordingInner(interceptor, seen);

        wrapped.commit(true);
        assertThat(seen).containsExactly("target:commit");
    }

    @ParameterizedTest
    @MethodSource("interceptors")
    void whatTheTargetThrowsComesOutAsItIs(MybatisPlusInterceptor interceptor) {
        SQLException refused = new SQLException("refused", "23000");
        Executor wrapped = (Executor) interceptor.plugin(executor(new ArrayList<>(), refused));

        assertThatThrownBy(() -> wrapped.update(null, "p")).isSameAs(refused);
        assertThatThrownBy(() -> wrapped.commit(true)).isSameAs(refused);
    }

    @ParameterizedTest
    @MethodSource("interceptors")
    void whatItDoesNotInterceptIsNotWrapped(MybatisPlusInterceptor interceptor) {
        ParameterHandler handler = (ParameterHandler) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ParameterHandler.class}, (p, m, a) -> null);

        assertThat(interceptor.plugin(handler)).isSameAs(handler);
        assertThat(interceptor.plugin("not a MyBatis object")).isEqualTo("not a MyBatis object");
    }

    /** {@code interceptor} with an inner interceptor that records its beforeUpdate, wrapped around a recording executor. */
    private static Executor wrappedWithRecordingInner(MybatisPlusInterceptor interceptor, List<String> seen) {
        interceptor.addInnerInterceptor(new InnerInterceptor() {
            @Override
            public void beforeUpdate(Executor executor, MappedStatement ms, Object parameter) {
                seen.add("inner:beforeUpdate");
            }
        });
        return (Executor) interceptor.plugin(executor(seen, null));
    }

    /** An executor that records what reached it, or throws {@code failure} from every method. */
    private static Executor executor(List<String> seen, Exception failure) {
        return (Executor) Proxy.newProxyInstance(WrapOnceMybatisPlusInterceptorTest.class.getClassLoader(),
                new Class<?>[] {Executor.class}, (proxy, method, args) -> {
                    if (failure != null) {
                        throw failure;
                    }
                    seen.add("target:" + method.getName());
                    return method.getReturnType() == int.class ? 1 : null;
                });
    }

    @ParameterizedTest
    @MethodSource("interceptors")
    void myBatisPlusFindsTheTargetBehindItsProxyAndAnotherPluginWrappedAroundIt(MybatisPlusInterceptor interceptor) throws Exception {
        // a target that is not itself a JDK proxy, as MyBatis's executors are not (realTarget unwraps every proxy)
        Executor target = Mockito.mock(Executor.class);
        Mockito.when(target.update(null, "p")).thenReturn(1);
        Object wrapped = interceptor.plugin(target);
        // MyBatis-Plus's inner interceptors reach the statement handler so, through every plugin's proxy
        assertThat(Proxy.getInvocationHandler(wrapped)).isInstanceOf(Plugin.class);
        assertThat((Object) PluginUtils.realTarget(wrapped)).isSameAs(target);

        Executor twice = (Executor) Plugin.wrap(wrapped, new MybatisPlusInterceptor());
        assertThat((Object) PluginUtils.realTarget(twice)).isSameAs(target);
        assertThat(twice.update(null, "p")).isEqualTo(1);
        Mockito.verify(target).update(null, "p");
    }
}
