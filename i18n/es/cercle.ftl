# Textos de la interfaz de Cercle (español). Cada clave existe en en, fr, es y ar: una prueba lo comprueba.
# Los textos para niñas y niños (child-*) los leen menores de 6 a 17 años: frases cortas, cálidas y palabras sencillas.

app-name = Cercle
app-tagline = La voz de la infancia, escuchada de forma segura

## Facilitator home
home-forms = Formularios
home-start = Iniciar una sesión
home-unfinished = Sesiones sin terminar
home-finalised = Sesiones finalizadas
home-resume = Reanudar
home-review = Revisar
home-none-unfinished = No hay sesiones sin terminar.
home-none-finalised = Todavía no hay sesiones finalizadas.
home-interface-language = Idioma de la interfaz
home-about = Acerca de
home-builtin = Integrado
session-answered = { $count ->
    [one] { $count } respuesta
   *[other] { $count } respuestas
}
session-code = Código { $code }
session-in-progress = En curso
session-finalised = Finalizada

## Starting a session
start-title = Nueva sesión
start-form = Formulario
start-language = Idioma de la sesión
start-age-band = Rango de edad del niño o la niña
start-age-help = Pregunte solo el rango de edad, nunca la edad exacta ni la fecha de nacimiento.
start-begin = Dar la tableta al niño o niña
start-cancel = Cancelar
age-band-6-7 = de 6 a 7 años
age-band-8-12 = de 8 a 12 años
age-band-13-17 = de 13 a 17 años

## Child mode
child-next = Siguiente
child-back = Atrás
child-finish = Terminar
child-rather-not-say = Prefiero no decirlo
child-dont-know = No sé
child-talk = Quiero hablar con alguien
child-progress = { $current } de { $total }
child-choose-many = Puedes elegir más de una.
child-type-here = Escribe aquí si quieres
child-less = Menos
child-more = Más
child-required = Elige una respuesta o toca «Prefiero no decirlo».
child-out-of-range = Elige un número del { $min } al { $max }.
child-too-long = Es un poco largo. ¿Puedes hacerlo más corto?
child-not-accepted = Esa respuesta no sirve aquí. Prueba con otra.
child-thanks-title = ¡Gracias!
child-thanks-body = Tus respuestas ayudan a los adultos a entender lo que piensan los niños y las niñas. Devuelve la tableta a la persona adulta que te la dio.
child-help-title = Dónde pedir ayuda
child-help-body = Si algo te preocupa o alguien te hace daño, no es tu culpa. Puedes hablar con la persona adulta que está hoy contigo o con otra persona adulta en quien confíes.
child-talk-title = Busquemos a alguien con quien hablar
child-talk-body = Dale la tableta a la persona adulta que está contigo. No has hecho nada malo y puedes parar cuando quieras.
child-talk-return = Volver a las preguntas
child-facilitator = Para la persona facilitadora

## Review and finalise
review-title = Revisar la sesión
review-summary = Preguntas respondidas: { $answered } de { $total }
review-finalise = Finalizar
review-continue = Volver al modo infantil
review-home = Volver al inicio
review-rather-not-say = Prefiere no decirlo
review-dont-know = No sabe
review-not-answered = Sin respuesta
review-done = La sesión está finalizada y pendiente de envío.

## About
about-title = Acerca de Cercle
about-body = Cercle recoge las opiniones de niñas y niños sin conexión, en francés, inglés, español y árabe, y las mantiene anónimas. Nunca se pide nombre, fecha de nacimiento, dirección, número de teléfono ni foto.
about-back = Volver

## Problems
error-save = No se pudo guardar la respuesta ({ $detail }). Llama a la persona facilitadora; las respuestas que ya diste están guardadas.
error-open = No se pudieron abrir los datos: { $detail }
