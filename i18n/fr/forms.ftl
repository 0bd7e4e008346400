# Ce que Cercle signale quand une personne coordinatrice vérifie ou importe un XLSForm
# (`cercle forms check`, `cercle forms import`, le bouton d’import). Lu par les équipes, pas par les enfants.
#
# Les noms techniques restent tels quels : feuilles et colonnes (survey, choices, settings, label,
# list_name, form_id…), types (select_one, begin_repeat, end_group…), yes/no, et les noms
# entre apostrophes droites ('q1'), qui sont des arguments.

## Un problème sur une ligne : gravité, emplacement, message.

form-problem-line-at = { $severity ->
        [error] erreur
       *[warning] avertissement
    } : { $place } : { $message }
form-problem-line-row = { $severity ->
        [error] erreur
       *[warning] avertissement
    } : ligne '{ $place }' : { $message }
form-problem-line = { $severity ->
        [error] erreur
       *[warning] avertissement
    } : { $message }

## Emplacement dans le tableur.

form-problem-location = feuille '{ $sheet }', ligne { $row }
form-problem-location-column = { $place }, colonne '{ $column }'
form-problem-location-character = { $place }, caractère { $character }

## Le formulaire dans son ensemble.

form-problem-no-id = le formulaire n’a pas d’identifiant
form-problem-default-language-not-in-form = la langue par défaut '{ $lang }' ne fait pas partie des langues du formulaire
form-problem-name-used = ce nom est déjà utilisé par une autre ligne
form-problem-name-invalid = un nom doit commencer par une lettre ou _ et ne contenir que des lettres, des chiffres, _, - et .
form-problem-no-label-in = pas de libellé en '{ $lang }' : le libellé en '{ $default }' est affiché à la place
form-problem-row-no-label = la ligne n’a pas de libellé
form-problem-select-needs-list = une question à choix (select) a besoin d’une liste de choix
form-problem-list-missing = la liste de choix '{ $list }' n’existe pas
form-problem-list-empty = la liste de choix '{ $list }' est vide
form-problem-choice-twice = le choix '{ $choice }' apparaît deux fois dans la liste '{ $list }'
form-problem-choice-space = le choix '{ $choice }' contient une espace, que select_multiple ne peut pas enregistrer
form-problem-repeat-in-repeat = une répétition dans une répétition n’est pas prise en charge : sortez la répétition intérieure, ou faites-en un groupe
form-problem-repeat-empty = la répétition ne contient aucune ligne
form-problem-min-above-max = le minimum { $min } est supérieur au maximum { $max }
form-problem-exact-age = cette question demande l’âge exact de l’enfant : avec le site, le genre et les dates, il peut identifier un enfant (règle C1) ; Cercle enregistre plutôt la tranche d’âge au début de chaque séance
form-problem-identifier = '{ $word }' ressemble à un identifiant direct : un formulaire ne doit pas demander le nom, la date de naissance, l’adresse, le téléphone, la localisation ou la photo d’un enfant (règle C1)

## Feuilles et colonnes.

form-problem-sheet-ignored = Cercle ne lit pas la feuille '{ $sheet }' : elle est ignorée
form-problem-sheet-lacks-column = la feuille { $sheet } n’a pas de colonne '{ $column }'
form-problem-cell-error = la cellule contient l’erreur de tableur { $error } au lieu d’une valeur : corrigez la formule ou saisissez la valeur
form-problem-column-ignored = Cercle n’utilise pas la colonne '{ $column }' : ses cellules sont ignorées
form-problem-column-foreign-language = '{ $language }' ne fait pas partie des langues de Cercle (anglais, français, espagnol, arabe) : la colonne '{ $column }' est ignorée
form-problem-duplicate-column = cette colonne contient la même chose que la colonne { $letter } ('{ $header }') : n’en gardez qu’une
form-problem-duplicate-column-described = cette colonne contient la même chose que la colonne { $letter } ('{ $header }') ({ $what }) : n’en gardez qu’une

## Une colonne traduisible. $lang vaut en, fr, es, ar ou none (sans suffixe de langue).

form-problem-column-label = { $lang ->
        [en] le libellé en anglais
        [fr] le libellé en français
        [es] le libellé en espagnol
        [ar] le libellé en arabe
       *[none] le libellé sans langue
    }
form-problem-column-hint = { $lang ->
        [en] l’indication en anglais
        [fr] l’indication en français
        [es] l’indication en espagnol
        [ar] l’indication en arabe
       *[none] l’indication sans langue
    }
form-problem-column-picture = { $lang ->
        [en] l’image en anglais
        [fr] l’image en français
        [es] l’image en espagnol
        [ar] l’image en arabe
       *[none] l’image sans langue
    }
form-problem-column-audio = { $lang ->
        [en] l’audio en anglais
        [fr] l’audio en français
        [es] l’audio en espagnol
        [ar] l’audio en arabe
       *[none] l’audio sans langue
    }
form-problem-column-required-message = { $lang ->
        [en] le message de réponse obligatoire en anglais
        [fr] le message de réponse obligatoire en français
        [es] le message de réponse obligatoire en espagnol
        [ar] le message de réponse obligatoire en arabe
       *[none] le message de réponse obligatoire sans langue
    }
form-problem-column-constraint-message = { $lang ->
        [en] le message de contrainte en anglais
        [fr] le message de contrainte en français
        [es] le message de contrainte en espagnol
        [ar] le message de contrainte en arabe
       *[none] le message de contrainte sans langue
    }
form-problem-column-form-title = { $lang ->
        [en] le titre du formulaire en anglais
        [fr] le titre du formulaire en français
        [es] le titre du formulaire en espagnol
        [ar] le titre du formulaire en arabe
       *[none] le titre du formulaire sans langue
    }
form-problem-column-named = la colonne { $column } sans langue
form-problem-column-same = la même colonne

## Réglages (feuille settings).

form-problem-no-form-id = la feuille settings n’a pas de form_id : le formulaire est nommé '{ $id }' d’après son fichier
form-problem-no-version = la feuille settings n’a pas de version : la version '1' est utilisée (donnez une nouvelle version à chaque formulaire modifié)
form-problem-settings-extra-row = seule la première ligne de settings est lue (ligne { $row }) : cette ligne est ignorée
form-problem-form-id-invalid = le form_id '{ $id }' n’est pas un nom valide : il doit commencer par une lettre ou _ et ne contenir que des lettres, des chiffres, _, - et .
form-problem-default-language-unknown = la langue par défaut '{ $lang }' ne fait pas partie des langues de Cercle (anglais, français, espagnol, arabe)

## Choix.

form-problem-choice-no-list-name = le choix '{ $choice }' n’a pas de list_name : indiquez à quelle liste il appartient
form-problem-choice-no-name = un choix de la liste '{ $list }' n’a pas de nom (la valeur enregistrée quand il est choisi)
form-problem-choice-duplicate = le choix '{ $choice }' figure déjà dans la liste '{ $list }' à la ligne { $first } : chaque choix d’une liste doit avoir son propre nom

## Images et audio.

form-problem-subject-row = '{ $row }'
form-problem-subject-choice = le choix '{ $choice }' de la liste '{ $list }'
form-problem-picture-differs = { $subject } a une image différente dans une autre langue ; Cercle affiche une seule image pour toutes les langues : '{ $chosen }' est utilisée
form-problem-picture-missing = '{ $file }' ne fait pas partie des fichiers médias du formulaire : à moins qu’il s’agisse d’une des images intégrées à Cercle, aucune image ne sera affichée
form-problem-audio-missing = '{ $file }' ne fait pas partie des fichiers médias du formulaire : aucun son ne sera joué
form-problem-audio-format = '{ $file }' ne peut pas être joué : Cercle lit les enregistrements mp3, wav, ogg et flac
form-problem-media-name-clash = deux fichiers médias différents s’appellent '{ $file }' ('{ $first }' et '{ $second }') : un formulaire désigne ses médias par leur nom de fichier, renommez donc l’un des deux

## Lignes de la feuille survey.

form-problem-survey-empty = la feuille survey n’a aucune ligne : un formulaire a besoin d’au moins une question
form-problem-row-no-type = la ligne n’a pas de type
form-problem-named-row-no-type = la ligne '{ $row }' n’a pas de type
form-problem-row-no-name = la ligne '{ $type }' n’a pas de nom
form-problem-row-name-invalid = '{ $row }' n’est pas un nom valide : un nom doit commencer par une lettre ou _ et ne contenir que des lettres, des chiffres, _, - et .
form-problem-row-name-taken = le nom '{ $row }' est déjà utilisé à la ligne { $first } : chaque ligne doit avoir son propre nom
form-problem-metadata-ignored = '{ $type }' ({ $row }) est ignoré : Cercle ne collecte pas les métadonnées de l’appareil (règle C10)
form-problem-row-refused = '{ $row }' : { $reason }
form-problem-type-unknown = '{ $type }' n’est pas un type que Cercle connaît (voir les types XLSForm pris en charge)
form-problem-select-needs-list-name = '{ $type }' doit être suivi du nom d’une liste de choix, par exemple '{ $type } yes_no'
form-problem-or-other = 'or_other' n’est pas pris en charge : ajoutez un choix 'other' et une question texte affichée quand il est choisi
form-problem-type-location = les questions '{ $type }' sont refusées : une localisation peut identifier un enfant (règle C1)
form-problem-type-photo = les questions '{ $type }' sont refusées : les photos et les vidéos peuvent identifier un enfant (règle C1)
form-problem-type-voice = les questions '{ $type }' sont refusées : un enregistrement de la voix peut identifier un enfant (règle C1)
form-problem-type-not-supported = les questions '{ $type }' ne sont pas prises en charge par Cercle
form-problem-nested-too-deep = '{ $row }' est imbriqué dans plus de { $count ->
        [one] { $count } groupe
       *[other] { $count } groupes
    } : Cercle ne lit pas à une telle profondeur
form-problem-list-not-on-choices = '{ $row }' utilise la liste de choix '{ $list }', qui n’est pas dans la feuille choices
form-problem-group-never-closed = le groupe '{ $row }' n’est jamais fermé : ajoutez une ligne 'end_group' après sa dernière question
form-problem-repeat-never-closed = la répétition '{ $row }' n’est jamais fermée : ajoutez une ligne 'end_repeat' après sa dernière question
form-problem-end-without-begin = 'end_{ $word }' sans 'begin_{ $word }' avant
form-problem-end-closes-group = 'end_{ $word }' ferme le groupe '{ $row }' ouvert à la ligne { $first } : utilisez 'end_{ $open }'
form-problem-end-closes-repeat = 'end_{ $word }' ferme la répétition '{ $row }' ouverte à la ligne { $first } : utilisez 'end_{ $open }'
form-problem-column-unsupported = '{ $row }' utilise la colonne '{ $column }', une fonction d’XLSForm que Cercle ne prend pas en charge
form-problem-calculate-empty = la ligne calculate '{ $row }' n’a pas de calcul (calculation)
form-problem-only-on-calculate = '{ $column }' ne sert que sur les lignes calculate et hidden, et sur les questions en lecture seule : il est ignoré sur '{ $row }'
form-problem-only-on-select = '{ $column }' ne sert que sur les lignes select_one et select_multiple : il est ignoré sur '{ $row }'
form-problem-only-on-repeat = '{ $column }' ne sert que sur les lignes begin_repeat : il est ignoré sur '{ $row }'
form-problem-appearance-unknown = l’apparence '{ $appearance }' de '{ $row }' n’est pas connue de Cercle : elle n’a aucun effet
form-problem-parameters-ignored = les paramètres ne sont lus que sur les questions range : '{ $parameters }' de '{ $row }' est ignoré
form-problem-age-band-unknown = '{ $band }' n’est pas une tranche d’âge : '{ $row }' peut utiliser 6-7, 8-12 et 13-17

## Plages (range).

form-problem-range-unreadable = les paramètres de '{ $row }' sont illisibles à partir de '{ $at }' : écrivez-les sous la forme start=1 end=10 step=1
form-problem-range-not-a-number = le paramètre de plage { $parameter }={ $value } de '{ $row }' n’est pas un nombre
form-problem-range-not-whole = le paramètre de plage { $parameter }={ $value } de '{ $row }' doit être un nombre entier
form-problem-range-step = le pas de la plage '{ $row }' doit être supérieur à 0, et non { $value }
form-problem-range-parameter-unknown = le paramètre de plage '{ $parameter }' de '{ $row }' n’est pas utilisé par Cercle : il est ignoré
form-problem-range-downwards = la plage '{ $row }' commence à { $start }, au-dessus de sa fin { $end } : les plages de Cercle vont en montant
form-problem-range-unreachable = la plage '{ $row }' de { $start } à { $end } ne peut pas atteindre sa fin par pas de { $step }

## Expressions.

form-problem-expr-of-row = la cellule { $column } de '{ $row }'
form-problem-expr-of-setting = le réglage { $column }
form-problem-expr-invalid = { $whose } n’est pas une expression valide : { $detail }
form-problem-expr-uses-metadata = { $whose } utilise { $reference }, une ligne de métadonnées de l’appareil que Cercle ignore (règle C10)
form-problem-expr-uses-unknown = { $whose } utilise { $reference }, mais aucune ligne du formulaire ne s’appelle '{ $name }'
form-problem-read-only-expression = read_only sous forme d’expression n’est pas encore pris en charge : écrivez yes ou no pour '{ $row }'

## Un fichier illisible comme XLSForm.

form-import-not-found = { $file } : fichier introuvable
form-import-io = { $file } : lecture impossible : { $detail }
form-import-not-a-spreadsheet = { $file } : ce n’est ni un tableur .xlsx ou .xls, ni un .zip qui en contient un
form-import-unreadable = { $file } : le tableur est endommagé et ne peut pas être lu ({ $detail })
form-import-no-survey-sheet = { $file } : le tableur n’a pas de feuille 'survey', ce n’est donc pas un XLSForm
form-import-no-spreadsheet-in-zip = { $file } : le zip ne contient aucun tableur .xlsx
form-import-several-spreadsheets-in-zip = { $file } : le zip contient plusieurs tableurs ({ $names }) : mettez un seul formulaire par zip
form-import-bad-zip = { $file } : le zip est endommagé et ne peut pas être lu
form-import-expands = { $file } se décompresse en plus de { $limit } Mo : il est refusé (fichier endommagé, ou fait pour épuiser l’appareil). Un vrai formulaire est bien plus petit.
form-import-too-large = { $file } est trop volumineux (plus de { $limit } Mo)
form-problem-yes-or-no = La colonne '{ $column }' de '{ $row }' n’accepte que yes ou no

## Lecture d’un XForm ODK (depuis un serveur ou un fichier .xml). $element est un nom d’élément XML, $line une ligne du fichier.
form-import-xform-not-xml = Le fichier n’est pas un XML bien formé (ligne { $line }) : { $detail }
form-import-xform-not-an-xform = Le fichier XML n’est pas un XForm ODK : il n’a pas d’élément { $element }
form-import-xform-too-large = Le XForm dépasse { $limit } Mo : il est refusé
# $feature nomme ce que Cercle ne peut pas exécuter : un type, un élément, ou l’un des messages form-problem-type-*.
form-problem-xform-unsupported = <{ $element }> à la ligne { $line } : { $feature } — Cercle ne peut pas l’exécuter
form-problem-xform-no-id = L’élément <{ $element }> du formulaire n’a pas d’attribut id : le serveur ne peut pas savoir à quel formulaire appartient une soumission
form-problem-xform-no-language = Le formulaire n’a de traduction dans aucune des langues de Cercle (anglais, français, espagnol ou arabe)
form-problem-xform-foreign-language = La traduction '{ $language }' est écartée : Cercle affiche les formulaires en anglais, français, espagnol et arabe
form-problem-xform-metadata = '{ $row }' est une métadonnée de l’appareil ({ $what }) : Cercle ne la collecte jamais (règle C10), elle est donc écartée
form-problem-xform-control-without-field = <{ $element }> à la ligne { $line } fait référence à '{ $path }', qui n’est pas un champ de l’instance du formulaire
form-problem-xform-no-instance = Les choix de la ligne { $line } viennent de la liste '{ $list }', que le formulaire ne contient pas
# $attribute est un attribut XML (relevant, constraint, calculate, jr:count…) ; $detail est l’un des messages form-problem-xform-expr-*.
form-problem-xform-expression = L’attribut { $attribute } de <{ $element }> à la ligne { $line } ne peut pas être exécuté : { $detail }
form-problem-xform-expr-instance = il cherche une valeur dans la liste '{ $what }' (les recherches avec instance() ne sont pas prises en charge)
form-problem-xform-expr-predicate = le chemin { $what } contient une condition entre crochets, ce que Cercle ne prend pas en charge
form-problem-xform-expr-path = '{ $what }' est un chemin XPath que Cercle ne prend pas en charge
form-problem-xform-expr-variable = '{ $what }' est une variable XPath, ce que Cercle ne prend pas en charge
form-problem-xform-expr-unknown-path = '{ $what }' n’est pas un champ de ce formulaire
form-problem-xform-expr-syntax = l’expression est incorrecte près de '{ $what }'
form-problem-choice-shows-name = le choix '{ $choice }' de la liste '{ $list }' n’a ni libellé ni image : les enfants verront son nom, '{ $choice }'
# $whose est un message form-problem-expr-of-* ; $function, un nom de fonction ODK comme pulldata.
form-problem-function-unsupported = { $whose } utilise { $function }(), une fonction ODK que Cercle ne prend pas en charge
form-problem-xform-expr-function = il utilise { $function }(), une fonction ODK que Cercle ne prend pas en charge
form-problem-xform-media-missing = Le formulaire utilise le fichier '{ $file }', que le serveur n’a pas fourni : il ne sera pas affiché
form-problem-xform-fixed-repeat = La répétition « { $row } » (ligne { $line }) a un nombre fixe d’occurrences mais aucun nombre indiqué : dans Cercle, l’enfant les ajoute une à une
