package io.apay.gateway.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.trace.TraceIds;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the HTTP decoder: a request the decoder could not read (a URL over the line limit, headers over
 * the header limit, a malformed request line or header) is answered here with the JSON envelope and the connection
 * closed; so is a request line whose target is not a URI (a malformed escape). Left alone, reactor-netty and
 * Spring answer such a request themselves with 414/431/400 and an empty body.
 */
@ChannelHandler.Sharable
public class DecoderFailureHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "apay.decoderFailure";
    private static final Logger log = LoggerFactory.getLogger(DecoderFailureHandler.class);

    private final ObjectMapper mapper;

    public DecoderFailureHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
            DecoderResult result = request.decoderResult();
            ReferenceCountUtil.release(msg);
            refuse(ctx, codeFor(result.cause()));
            return;
        }
        if (msg instanceof HttpRequest request && !isUri(request.uri())) {
            // e.g. a malformed escape (%zz): Spring could not build the request's URI and would answer an empty 400
            ReferenceCountUtil.release(msg);
            refuse(ctx, CommonErrorCodes.MALFORMED_REQUEST);
            return;
        }
        if (msg instanceof HttpObject object && object.decoderResult().isFailure() && !ctx.channel().isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    static boolean isUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static ErrorCode codeFor(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return CommonErrorCodes.URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return CommonErrorCodes.HEADERS_TOO_LARGE;
        }
        return CommonErrorCodes.MALFORMED_REQUEST;
    }

    private void refuse(ChannelHandlerContext ctx, ErrorCode code) {
        String traceId = TraceIds.newId();
        log.info("request refused by the HTTP decoder [{}] -> {}", traceId, code.code());
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(ApiResult.error(code, null, null, traceId));
        } catch (JsonProcessingException e) {
            body = ("{\"code\":" + code.code() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(code.httpStatus()), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(TraceIds.HEADER, traceId);
        // the decoder discards the rest of a bad request: answer, then close the connection
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
