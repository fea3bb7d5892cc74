package dev.lockstep.http.problem;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.CookieValue;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.serde.config.naming.PropertyNamingStrategy;
import io.micronaut.core.annotation.AnnotatedElement;
import dev.lockstep.http.Routes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Optional;

/**
 * Names request fields the way the client sent them: a body field as a JSON path
 * ({@code devices[0].type}, member names after the configured serde naming strategy), a query
 * parameter, path variable, header or cookie by its HTTP name ({@code page_token}), a field of a
 * {@link RequestBean} by its binding name.
 */
final class FieldNames {

  private final PropertyNamingStrategy naming;

  FieldNames(PropertyNamingStrategy naming) {
    this.naming = naming == null ? PropertyNamingStrategy.IDENTITY : naming;
  }

  /** The JSON name of a body property the way serde names it on the wire (e.g. {@code startedAt} -> {@code started_at}). */
  String json(String javaName) {
    return naming.translate(new JavaName(javaName));
  }

  /** The field a constraint violation of a controller call is about. */
  String of(ConstraintViolation<?> violation, HttpRequest<?> request) {
    Argument<?>[] arguments = Routes.methodRoute(request).map(r -> r.getArguments()).orElse(new Argument<?>[0]);
    StringBuilder path = new StringBuilder();
    Class<?> requestBean = null;
    for (Path.Node node : violation.getPropertyPath()) {
      ElementKind kind = node.getKind();
      if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER
          || kind == ElementKind.RETURN_VALUE) {
        continue;
      }
      if (kind == ElementKind.PARAMETER) {
        int index = node.as(Path.ParameterNode.class).getParameterIndex();
        Argument<?> argument = index >= 0 && index < arguments.length ? arguments[index] : null;
        if (argument == null) {
          append(path, node.getName());
        } else if (argument.getAnnotationMetadata().hasAnnotation(RequestBean.class)) {
          requestBean = argument.getType();
        } else if (!isWholeBody(argument)) {
          append(path, httpName(argument.getAnnotationMetadata(), argument.getName()));
        }
        continue;
      }
      if (node.isInIterable()) {
        path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
      }
      if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
        if (requestBean != null) {
          append(path, requestBeanName(requestBean, node.getName()));
          requestBean = null;
        } else {
          append(path, naming.translate(new JavaName(node.getName())));
        }
      }
    }
    return path.toString();
  }

  /** The HTTP name of a controller argument (the value of its binding annotation, else its name). */
  static String httpName(AnnotationMetadata metadata, String javaName) {
    for (Class<? extends java.lang.annotation.Annotation> binding
        : java.util.List.of(QueryValue.class, PathVariable.class, Header.class, CookieValue.class)) {
      Optional<String> value = metadata.stringValue(binding);
      if (value.isPresent() && !value.get().isBlank()) {
        return value.get();
      }
    }
    return javaName;
  }

  /** Whether the argument is the whole request body ({@code @Body} without a member name). */
  static boolean isWholeBody(Argument<?> argument) {
    AnnotationMetadata metadata = argument.getAnnotationMetadata();
    return metadata.hasAnnotation(Body.class) && metadata.stringValue(Body.class).filter(v -> !v.isBlank()).isEmpty();
  }

  private static String requestBeanName(Class<?> type, String property) {
    Optional<BeanIntrospection<Object>> introspection = BeanIntrospector.SHARED.findIntrospection(cast(type));
    Optional<BeanProperty<Object, Object>> bean = introspection.flatMap(i -> i.getProperty(property));
    return bean.map(p -> httpName(p.getAnnotationMetadata(), property)).orElse(property);
  }

  @SuppressWarnings("unchecked")
  private static Class<Object> cast(Class<?> type) {
    return (Class<Object>) type;
  }

  /** A property known only by its Java name, for the naming strategy. */
  private record JavaName(String getName) implements AnnotatedElement {
  }

  private static void append(StringBuilder path, String name) {
    if (path.length() > 0) {
      path.append('.');
    }
    path.append(name);
  }
}
