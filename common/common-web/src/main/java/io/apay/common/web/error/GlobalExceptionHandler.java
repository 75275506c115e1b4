package io.apay.common.web.error;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.trace.TraceIds;
import io.apay.common.core.validation.PlainText;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of a servlet service becomes the JSON envelope with a numeric code. Business errors answer with
 * their own code and status; validation errors list the invalid fields; anything unexpected answers 500 with a
 * generic message and the trace id. Exception text, class names and stack traces go to the log only.
 */
@RestControllerAdvice
public class GlobalExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalExceptionHandler.class);

    /** One invalid field: which, and why. */
    public record FieldViolation(String field, String message) {
    }

    /** The {@code data} of a validation error. */
    public record Violations(List<FieldViolation> errors) {
    }

    @ExceptionHandler(ServiceException.class)
    public ResponseEntity<ApiResult<Void>> business(ServiceException e) {
        if (e.httpStatus() >= 500) {
            log.error("service error {}", e.getMessage());
        } else {
            log.info("business error {}", e.getMessage());
        }
        return respond(e.errorCode(), e.clientMessage(), null);
    }

    @ExceptionHandler(BindException.class) // includes MethodArgumentNotValidException
    public ResponseEntity<ApiResult<Violations>> invalidBody(BindException e) {
        List<FieldViolation> errors = new ArrayList<>();
        for (FieldError fe : e.getBindingResult().getFieldErrors()) {
            errors.add(new FieldViolation(fe.getField(), fieldMessage(fe)));
        }
        e.getBindingResult().getGlobalErrors().forEach(ge -> errors.add(new FieldViolation(ge.getObjectName(), ge.getDefaultMessage())));
        return validation(errors, e.getBindingResult().getAllErrors().stream().anyMatch(GlobalExceptionHandler::isPlainText));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<ApiResult<Violations>> invalidParameters(HandlerMethodValidationException e) {
        List<FieldViolation> errors = new ArrayList<>();
        boolean[] plainText = {false};
        e.getParameterValidationResults().forEach(r -> {
            String name = r.getMethodParameter().getParameterName();
            r.getResolvableErrors().forEach(err -> {
                String field = err instanceof FieldError fe ? name + "." + fe.getField() : name;
                errors.add(new FieldViolation(field, err.getDefaultMessage()));
                plainText[0] |= isPlainText(err);
            });
        });
        return validation(errors, plainText[0]);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ApiResult<Violations>> invalidConstraints(ConstraintViolationException e) {
        List<FieldViolation> errors = new ArrayList<>();
        boolean plainText = false;
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldViolation(leaf(v.getPropertyPath().toString()), v.getMessage()));
            plainText |= v.getConstraintDescriptor().getAnnotation().annotationType() == PlainText.class;
        }
        return validation(errors, plainText);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ApiResult<Void>> unreadable(HttpMessageNotReadableException e) {
        log.info("unreadable request body: {}", e.getMessage());
        if (ApayJackson.isDuplicateKey(e)) {
            return respond(CommonErrorCodes.DUPLICATE_JSON_KEY, null, null);
        }
        return respond(CommonErrorCodes.MALFORMED_REQUEST, malformedMessage(e), null);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<ApiResult<Violations>> missingParameter(MissingServletRequestParameterException e) {
        return respond(CommonErrorCodes.MISSING_PARAMETER, null,
                new Violations(List.of(new FieldViolation(e.getParameterName(), "is required"))));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<ApiResult<Violations>> missingHeader(MissingRequestHeaderException e) {
        return respond(CommonErrorCodes.MISSING_PARAMETER, null,
                new Violations(List.of(new FieldViolation(e.getHeaderName(), "header is required"))));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    public ResponseEntity<ApiResult<Violations>> missingPart(MissingServletRequestPartException e) {
        return respond(CommonErrorCodes.MISSING_PARAMETER, null,
                new Violations(List.of(new FieldViolation(e.getRequestPartName(), "is required"))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ApiResult<Violations>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(CommonErrorCodes.PARAMETER_TYPE_MISMATCH, null,
                new Violations(List.of(new FieldViolation(e.getName(), "has the wrong type"))));
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    public ResponseEntity<ApiResult<Void>> notFound(Exception e) {
        return respond(CommonErrorCodes.NOT_FOUND, null, null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ApiResult<Void>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return respond(CommonErrorCodes.METHOD_NOT_ALLOWED, null, null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ApiResult<Void>> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(CommonErrorCodes.UNSUPPORTED_MEDIA_TYPE, null, null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<ApiResult<Void>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(CommonErrorCodes.NOT_ACCEPTABLE, null, null);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<ApiResult<Void>> tooLarge(MaxUploadSizeExceededException e) {
        return respond(CommonErrorCodes.PAYLOAD_TOO_LARGE, null, null);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ApiResult<Void>> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(CommonErrorCodes.INTERNAL_ERROR, null, null);
    }

    /** Control characters in free text answer their own code (10050), whatever else is wrong with the request. */
    private ResponseEntity<ApiResult<Violations>> validation(List<FieldViolation> errors, boolean plainText) {
        errors.sort(Comparator.comparing(FieldViolation::field));
        return respond(plainText ? CommonErrorCodes.CONTROL_CHARACTERS : CommonErrorCodes.VALIDATION_FAILED, null, new Violations(errors));
    }

    private static boolean isPlainText(MessageSourceResolvable error) {
        String[] codes = error.getCodes();
        return codes != null && Arrays.asList(codes).contains(PlainText.class.getSimpleName());
    }

    private static <T> ResponseEntity<ApiResult<T>> respond(ErrorCode code, String message, T data) {
        return ResponseEntity.status(code.httpStatus()).body(ApiResult.error(code, message, data, TraceIds.current()));
    }

    private static String fieldMessage(FieldError fe) {
        // a type conversion failure carries the raw exception text: show a fixed message instead
        return fe.isBindingFailure() ? "has the wrong type" : fe.getDefaultMessage();
    }

    private static String leaf(String path) {
        // "create.arg0.amount" -> "amount"; "create.pageSize" -> "pageSize"
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1).replaceFirst("^arg\\d+\\.", "");
    }

    /** Say which field could not be read (amounts given as JSON numbers, say), without Jackson's text. */
    private static String malformedMessage(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (var ref : jme.getPath()) {
                if (ref.getFieldName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            return "field '" + field + "' has an invalid value" + (isDecimalField(jme) ? " (amounts are decimal strings, e.g. \"100.03\")" : "");
        }
        return null;
    }

    private static boolean isDecimalField(JsonMappingException jme) {
        return jme instanceof MismatchedInputException mie
                && BigDecimal.class.equals(mie.getTargetType());
    }
}
